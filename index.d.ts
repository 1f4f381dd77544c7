// Type definitions for appjwt. The jsonwebtoken@9 drop-in part (sign, verify,
// decode and the error classes) is compatible with @types/jsonwebtoken.
/// <reference types="node" />

import type { JsonWebKeyInput, KeyObject, PrivateKeyInput, PublicKeyInput } from "crypto";

// ---------------------------------------------------------------- drop-in

export type Algorithm =
  | "HS256" | "HS384" | "HS512"
  | "RS256" | "RS384" | "RS512"
  | "PS256" | "PS384" | "PS512"
  | "ES256" | "ES384" | "ES512"
  | "EdDSA";

/** The core's error codes (appjwt::ErrorCode), on every error appjwt raises. */
export type ErrorCode =
  | "malformed" | "token_too_large" | "invalid_signature" | "algorithm_not_allowed"
  | "key_error" | "token_expired" | "not_yet_valid" | "audience_mismatch"
  | "issuer_mismatch" | "subject_mismatch" | "jwt_id_mismatch" | "nonce_mismatch"
  | "missing_claim" | "token_too_old" | "invalid_argument" | "invalid_app_id"
  | "unknown_key" | "insufficient_scope" | "io_error" | "internal";

export class JsonWebTokenError extends Error {
  inner: Error;
  /** Non-enumerable: why the token was refused. */
  code?: ErrorCode;
  /** Non-enumerable: the claim or header parameter concerned ("exp", "aud", "alg"). */
  claim?: string;
  constructor(message: string, error?: Error);
}

export class TokenExpiredError extends JsonWebTokenError {
  expiredAt: Date;
  constructor(message: string, expiredAt: Date);
}

export class NotBeforeError extends JsonWebTokenError {
  date: Date;
  constructor(message: string, date: Date);
}

/** A timespan: seconds, or a string in the `ms` grammar ("300", "5m", "2h", "7d"). */
export type Timespan = string | number;

export interface SignOptions {
  /** Default "HS256", as in jsonwebtoken. "none" is typed for compatibility but refused. */
  algorithm?: Algorithm | "none" | undefined;
  keyid?: string | undefined;
  expiresIn?: Timespan | undefined;
  notBefore?: Timespan | undefined;
  audience?: string | string[] | undefined;
  subject?: string | undefined;
  issuer?: string | undefined;
  jwtid?: string | undefined;
  mutatePayload?: boolean | undefined;
  noTimestamp?: boolean | undefined;
  header?: JwtHeader | Record<string, unknown> | undefined;
  encoding?: string | undefined;
  allowInsecureKeySizes?: boolean | undefined;
  /** Accepted for compatibility; keys are always bound to their algorithm family. */
  allowInvalidAsymmetricKeyTypes?: boolean | undefined;
}

export interface VerifyOptions {
  /**
   * Required by jwt.verify at run time: the algorithms to accept, e.g. ["RS512"].
   * Unlike jsonwebtoken, there is no default from the key's family; verify refuses
   * a missing or empty list with a JsonWebTokenError (code "invalid_argument").
   * Optional in the type only so that appjwt stays assignable to @types/jsonwebtoken.
   */
  algorithms?: string[] | undefined;
  audience?: string | RegExp | Array<string | RegExp> | undefined;
  clockTimestamp?: number | undefined;
  clockTolerance?: number | undefined;
  complete?: boolean | undefined;
  issuer?: string | string[] | undefined;
  ignoreExpiration?: boolean | undefined;
  ignoreNotBefore?: boolean | undefined;
  jwtid?: string | undefined;
  nonce?: string | undefined;
  subject?: string | undefined;
  maxAge?: Timespan | undefined;
  allowInvalidAsymmetricKeyTypes?: boolean | undefined;
  // appjwt's stricter core checks, off by default for compatibility:
  /** Refuse an iat in the future. */
  verifyIssuedAt?: boolean | undefined;
  /** RFC 7519 4.1.3: refuse a token with an aud when no audience is expected. */
  rejectUnexpectedAudience?: boolean | undefined;
  /** aud must be a single string equal to the one expected audience. */
  strictAudience?: boolean | undefined;
  requiredClaims?: string[] | undefined;
  /** crit header parameters the caller handles. */
  understoodCritical?: string[] | undefined;
  /** Tokens longer than this (default 8192 bytes) are refused before decoding. */
  maxTokenSize?: number | undefined;
  /** Accept RSA keys under 2048 bits. */
  allowInsecureKeySizes?: boolean | undefined;
}

export interface DecodeOptions {
  complete?: boolean | undefined;
  json?: boolean | undefined;
  maxTokenSize?: number | undefined;
}

export interface JwtHeader {
  alg: string | Algorithm;
  typ?: string | undefined;
  cty?: string | undefined;
  crit?: string[] | undefined;
  kid?: string | undefined;
  jku?: string | undefined;
  x5u?: string | string[] | undefined;
  "x5t#S256"?: string | undefined;
  x5t?: string | undefined;
  x5c?: string | string[] | undefined;
}

export interface JwtPayload {
  [key: string]: any;
  iss?: string | undefined;
  sub?: string | undefined;
  aud?: string | string[] | undefined;
  exp?: number | undefined;
  nbf?: number | undefined;
  iat?: number | undefined;
  jti?: string | undefined;
}

export interface Jwt {
  header: JwtHeader;
  payload: JwtPayload | string;
  signature: string;
}

export type VerifyErrors = JsonWebTokenError | NotBeforeError | TokenExpiredError;
export type VerifyCallback<T = Jwt | JwtPayload | string> = (
  error: VerifyErrors | null,
  decoded?: T | undefined,
) => void;
export type SignCallback = (error: Error | null, encoded?: string | undefined) => void;

/** A JWK object (RFC 7517). */
export interface JsonWebKey {
  kty: string;
  [member: string]: unknown;
}

/** Every key form sign and verify take. */
export type KeyMaterial =
  | string
  | Buffer
  | Uint8Array
  | KeyObject
  | Key
  | JsonWebKey
  | PrivateKeyInput
  | PublicKeyInput
  | JsonWebKeyInput;
export type Secret = KeyMaterial;
export type PublicKey = KeyMaterial;
export type PrivateKey = KeyMaterial;

export type SigningKeyCallback = (error: Error | null, signingKey?: KeyMaterial) => void;
export type GetPublicKeyOrSecret = (header: JwtHeader, callback: SigningKeyCallback) => void;

// A null key (jsonwebtoken's unsecured tokens) is typed for compatibility and
// refused: appjwt never signs alg "none".
export function sign(
  payload: string | Buffer | object,
  secretOrPrivateKey: KeyMaterial | null,
  options?: SignOptions,
): string;
export function sign(
  payload: string | Buffer | object,
  secretOrPrivateKey: KeyMaterial | null,
  callback: SignCallback,
): void;
export function sign(
  payload: string | Buffer | object,
  secretOrPrivateKey: KeyMaterial | null,
  options: SignOptions,
  callback: SignCallback,
): void;

/**
 * jsonwebtoken's verify, except that `options.algorithms` is required at run time:
 * without it (or with an empty list) verify throws, or passes to the callback, a
 * JsonWebTokenError with code "invalid_argument". The overloads without options
 * exist for type compatibility with @types/jsonwebtoken.
 */
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial,
  options: VerifyOptions & { complete: true },
): Jwt;
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial,
  options?: VerifyOptions & { complete?: false },
): JwtPayload | string;
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial,
  options?: VerifyOptions,
): Jwt | JwtPayload | string;
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial | GetPublicKeyOrSecret,
  callback?: VerifyCallback<JwtPayload | string>,
): void;
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial | GetPublicKeyOrSecret,
  options: VerifyOptions & { complete: true },
  callback?: VerifyCallback<Jwt>,
): void;
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial | GetPublicKeyOrSecret,
  options?: VerifyOptions & { complete?: false },
  callback?: VerifyCallback<JwtPayload | string>,
): void;
export function verify(
  token: string,
  secretOrPublicKey: KeyMaterial | GetPublicKeyOrSecret,
  options?: VerifyOptions,
  callback?: VerifyCallback,
): void;

export function decode(token: string, options: DecodeOptions & { complete: true }): null | Jwt;
export function decode(token: string, options: DecodeOptions & { json: true }): null | JwtPayload;
export function decode(token: string, options?: DecodeOptions): null | JwtPayload | string;

// ---------------------------------------------------------------- promises

export interface Promises {
  /** Signs on the libuv thread pool. */
  sign(payload: string | Buffer | object, secretOrPrivateKey: KeyMaterial, options?: SignOptions): Promise<string>;
  /** Verifies on the libuv thread pool; rejects unless `options.algorithms` lists the algorithms to accept. */
  verify(
    token: string,
    secretOrPublicKey: KeyMaterial | GetPublicKeyOrSecret,
    options: VerifyOptions & { complete: true },
  ): Promise<Jwt>;
  verify(
    token: string,
    secretOrPublicKey: KeyMaterial | GetPublicKeyOrSecret,
    options?: VerifyOptions,
  ): Promise<JwtPayload | string>;
}
export const promises: Promises;
export const signAsync: Promises["sign"];
export const verifyAsync: Promises["verify"];

// ---------------------------------------------------------------- keys

export type KeyType = "rsa" | "ec" | "ed25519" | "secret";
export type Curve = "P-256" | "P-384" | "P-521" | "Ed25519";

/** A parsed key, bound to its algorithm family; immutable and reusable. */
export class Key {
  private constructor();
  /** PKCS#8 (encrypted or not), PKCS#1/SEC1, SPKI, X.509 certificates, OpenSSH public keys. */
  static fromPem(pem: string | Buffer, passphrase?: string | Buffer): Key;
  static fromDer(der: Buffer): Key;
  static fromJwk(jwk: JsonWebKey | string): Key;
  /** HMAC secret; refuses an empty secret and one that is a key document. */
  static fromSecret(secret: string | Buffer): Key;
  /** A PEM/OpenSSH key document, or else an HMAC secret, as jsonwebtoken reads key strings. */
  static fromMaterial(material: string | Buffer, passphrase?: string | Buffer): Key;
  /** A fresh private key for an asymmetric algorithm (RSA: rsaBits, default 3072). */
  static generate(algorithm: Algorithm, rsaBits?: 2048 | 3072 | 4096): Key;
  static generateRsa(bits?: 2048 | 3072 | 4096): Key;
  static generateEc(curve?: "P-256" | "P-384" | "P-521"): Key;
  static generateEd25519(): Key;

  readonly type: KeyType;
  readonly curve: Curve | null;
  readonly bits: number;
  readonly isPrivate: boolean;
  supports(algorithm: string): boolean;
  publicKey(): Key;
  publicPem(): string;
  privatePem(): string;
  toPublicJwk(): JsonWebKey;
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  thumbprint(): string;
}

export interface OpensslInfo {
  /** OpenSSL_version() of the OpenSSL the core runs on. */
  version: string;
  /** OPENSSL_VERSION_TEXT of the headers it was compiled with. */
  headers: string;
  directory: string;
  /** True: the addon's own static OpenSSL, not the copy node exports. */
  privateCopy: boolean;
}
export function opensslInfo(): OpensslInfo;

// ---------------------------------------------------------------- application authentication

export interface AppKeyOptions {
  /** Algorithms this key verifies; default the key type's (RSA: RS512). */
  algorithms?: Algorithm[] | undefined;
  /** Key ID for rotation; default the RFC 7638 thumbprint. */
  kid?: string | undefined;
}

export interface JwksUrlOptions extends AppKeyOptions {
  timeoutMs?: number | undefined;
  /** Seconds, when the response has no Cache-Control max-age. */
  defaultMaxAge?: number | undefined;
  /** Seconds between refetches caused by unknown apps or kids. */
  refetchCooldown?: number | undefined;
  maxDocumentSize?: number | undefined;
}

export interface AppVerifyOptions
  extends Omit<VerifyOptions, "complete" | "clockTimestamp" | "allowInvalidAsymmetricKeyTypes"> {
  /** The claim holding the app ID (default "appId"). */
  appIdClaim?: string | undefined;
  /** Read the app ID from the header kid instead. */
  appIdFromKid?: boolean | undefined;
  /** The app must hold every one of these (after narrowing by the token's scope claim). */
  requiredScopes?: string[] | undefined;
  /** Default true: app tokens must expire. */
  requireExpiration?: boolean | undefined;
  /** Seconds since the epoch; default Date.now() / 1000. */
  now?: number | undefined;
}

export interface AppToken {
  appId: string;
  /** kid of the store key that verified the token. */
  kid: string;
  header: JwtHeader;
  claims: JwtPayload;
  /** The app's granted scopes, narrowed by the token's scope claim. */
  scopes: string[];
}

export interface AppKey {
  appId: string;
  kid: string;
  key: Key;
  algorithms: Algorithm[];
}

export interface KeyStoreOptions {
  /**
   * How many verified tokens to remember (default 0: none). A token seen again,
   * byte for byte, is then a lookup instead of a signature check; each call's
   * options are still checked, and any change to the store drops every entry.
   */
  verifiedTokenCacheSize?: number | undefined;
}

/** The API server's side: app ID -> public keys, algorithms and scopes. */
export class KeyStore {
  constructor(options?: KeyStoreOptions);
  static fromDirectory(dir: string, options?: AppKeyOptions & KeyStoreOptions): KeyStore;
  loadDirectory(dir: string, options?: AppKeyOptions): this;
  loadJwksFile(path: string, options?: AppKeyOptions): this;
  /** Fetches the JWKS on the thread pool; refetched per Cache-Control and on unknown kids. */
  loadJwksUrl(url: string, options?: JwksUrlOptions): Promise<this>;
  loadJwksUrl(url: string, callback: (error: Error | null, store?: KeyStore) => void): void;
  loadJwksUrl(url: string, options: JwksUrlOptions, callback: (error: Error | null, store?: KeyStore) => void): void;
  addJwks(jwks: string | { keys: JsonWebKey[] }, options?: AppKeyOptions): this;
  add(appId: string, key: KeyMaterial, options?: AppKeyOptions): this;
  remove(appId: string, kid?: string): boolean;
  setScopes(appId: string, scopes: string[]): this;
  scopes(appId: string): string[];
  reload(): this;
  contains(appId: string): boolean;
  appIds(): string[];
  keys(appId: string): AppKey[];
  readonly size: number;
  /** Tokens in the verified-token cache now (0 when it is off). */
  readonly cachedTokenCount: number;
  toJwks(options?: { thumbprintKid?: boolean }): { keys: JsonWebKey[] };
  /** Verifies an app token on the thread pool. */
  verify(token: string, options?: AppVerifyOptions): Promise<AppToken>;
  verify(token: string, callback: (error: VerifyErrors | null, token?: AppToken) => void): void;
  verify(token: string, options: AppVerifyOptions, callback: (error: VerifyErrors | null, token?: AppToken) => void): void;
  verifySync(token: string, options?: AppVerifyOptions): AppToken;
}

export interface TokenSignerOptions {
  /** Token lifetime (default 300 s). */
  ttl?: Timespan | undefined;
  algorithm?: Algorithm | undefined;
  /** Re-sign once less than this is left (default 30 s). */
  refreshMargin?: Timespan | undefined;
  appIdClaim?: string | undefined;
  keyid?: string | undefined;
  /** Extra claims in every token, e.g. { scope: "users:read" }. */
  claims?: Record<string, unknown> | undefined;
  allowInsecureKeySizes?: boolean | undefined;
}

/** The calling application's side: a cached short-lived token, re-signed before it expires. */
export class TokenSigner {
  constructor(appId: string, privateKey: KeyMaterial, options?: TokenSignerOptions);
  readonly appId: string;
  /** exp of the cached token (0 before the first one). */
  readonly expiresAt: number;
  token(): Promise<string>;
  token(callback: (error: Error | null, token?: string) => void): void;
  tokenSync(): string;
  refresh(): Promise<string>;
  refresh(callback: (error: Error | null, token?: string) => void): void;
  refreshSync(): string;
}

export interface KeyPairFiles {
  appId: string;
  privateKey: string;
  publicKey: string;
}

export interface KeyGenOptions {
  /** Default: a fresh generateAppId(). */
  appId?: string | undefined;
  algorithm?: Algorithm | undefined;
  rsaBits?: 2048 | 3072 | 4096 | undefined;
}

export const defaultRsaBits: number;
export function generateKey(algorithm: Algorithm, rsaBits?: 2048 | 3072 | 4096): Key;
/** Writes <appId>_private.pem (0600) and <appId>_public.pem; never overwrites. On the thread pool. */
export function generateKeyPair(dir: string, options?: KeyGenOptions): Promise<KeyPairFiles>;
export function generateKeyPair(dir: string, callback: (error: Error | null, files?: KeyPairFiles) => void): void;
export function generateKeyPair(
  dir: string,
  options: KeyGenOptions,
  callback: (error: Error | null, files?: KeyPairFiles) => void,
): void;
export function generateKeyPairSync(dir: string, options?: KeyGenOptions): KeyPairFiles;
export function writeKeyPair(dir: string, appId: string, privateKey: KeyMaterial): KeyPairFiles;
export function loadKeyFile(path: string, passphrase?: string | Buffer): Key;
export function readKeyFile(path: string): string;
export function privateKeyPath(dir: string, appId: string): string;
export function publicKeyPath(dir: string, appId: string): string;
/** 7 groups of 4 lowercase letters and digits, e.g. "kjh2-vt23-s23t-poq2-xsw8-p09o-qw12". */
export function generateAppId(): string;
export function isValidAppId(appId: unknown): boolean;
/** Throws (code "invalid_app_id") unless isValidAppId(appId). */
export function validateAppId(appId: string): void;
