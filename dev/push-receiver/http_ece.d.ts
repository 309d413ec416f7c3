// Types for the slice of `http_ece` (RFC 8188 / RFC 8291 reference code by
// the RFC's author) the push receiver uses; the package ships none.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  interface DecryptParams {
    version: 'aes128gcm';
    /** The user agent's key pair; the sender's public key is read from the body's header. */
    privateKey: ECDH;
    /** base64url-encoded 16-byte auth secret. */
    authSecret: string;
  }

  const ece: { decrypt(body: Buffer, params: DecryptParams): Buffer };
  export default ece;
}
