// oidc-provider ships no type declarations; the platform uses a small part of it, typed loosely here.
declare module 'oidc-provider' {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  export class Provider {
    constructor(issuer: string, configuration: Record<string, any>);
    static readonly ctx: any;
    issuer: string;
    proxy: boolean;
    Client: { find(id: string): Promise<any> };
    Grant: new (properties: { accountId: string; clientId: string }) => any;
    Session: any;
    use(middleware: (ctx: any, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: any[]) => void): void;
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
    interactionDetails(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<any>;
    interactionResult(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, result: Record<string, any>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
  }
  export const interactionPolicy: {
    base(): any;
    Check: (new (reason: string, description: string, error: string, check: (ctx: any) => boolean | Promise<boolean>) => any) & { REQUEST_PROMPT: true; NO_NEED_TO_PROMPT: false };
  };
  export const errors: Record<string, any>;
  export default Provider;
}
