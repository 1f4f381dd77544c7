// Types for require('appjwt/express').
import type { AppVerifyOptions, GetPublicKeyOrSecret, KeyMaterial, KeyStore, VerifyOptions } from "../../index";

declare namespace appjwt {
  interface Options extends Omit<VerifyOptions, "complete">, Pick<AppVerifyOptions, "appIdClaim" | "appIdFromKid" | "requiredScopes" | "requireExpiration"> {
    /** Verify with this store: req.auth = { appId, kid, header, claims, scopes }. */
    keyStore?: KeyStore | undefined;
    /** Or with this key (algorithms required): req.auth = the claims. */
    secret?: KeyMaterial | GetPublicKeyOrSecret | undefined;
    /** Default: the x-token header, else Authorization: Bearer. */
    getToken?: ((req: any) => string | undefined) | undefined;
    /** The header read first (default "x-token"). */
    tokenHeader?: string | undefined;
    /** Default true: a request without a token gets a 401. */
    credentialsRequired?: boolean | undefined;
    /** Default "auth". */
    requestProperty?: string | undefined;
  }
  type Middleware = (req: any, res: any, next: (error?: unknown) => void) => void;
}

declare function appjwt(options: appjwt.Options): appjwt.Middleware;
declare namespace appjwt {
  export { appjwt };
}
export = appjwt;
