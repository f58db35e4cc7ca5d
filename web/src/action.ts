import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { errorText } from './api';

/**
 * What a button or form does with a request: on success it refreshes the given queries (and may
 * say so), on failure it shows the server's message in the reader's language. Resolves to
 * whether the request succeeded.
 */
export function useAction(...refresh: QueryKey[]) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
    try {
      await work();
      if (done) message.success(done);
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };
}
