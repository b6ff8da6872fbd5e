declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
    /** The client address as Express sees it (`req.ip`, which honours TRUST_PROXY). */
    clientIp: string
  }
}
export {}
