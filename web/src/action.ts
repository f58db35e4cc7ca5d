import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldErrors } from './api';

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

/**
 * A form's (or a button's) submission with its busy state: while it runs the button spins; on
 * success it says so (「操作成功」 unless told otherwise) and calls `then`; on failure the server's
 * field errors go on the form's fields, anything else is shown as a message.
 */
export function useSubmit(form?: FormInstance) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: { then?: () => void; message?: string } = {}): Promise<boolean> => {
    setBusy(true);
    try {
      await work();
      message.success(done.message ?? t('common.done'));
      done.then?.();
      return true;
    } catch (error) {
      if (!form || !showFieldErrors(form, error)) message.error(errorText(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
