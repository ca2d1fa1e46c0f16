/**
 * node-forge ships no types and @types/node-forge is not installed: this declares only the few
 * calls the signing code makes (certificate creation and PKCS#12 packing/unpacking). forge works
 * on "binary strings" (one char per byte), hence the `string` byte arguments.
 */
declare module 'node-forge' {
  namespace forge {
    namespace asn1 {
      interface Asn1 {
        readonly tagClass: number;
        readonly type: number;
      }
      interface ByteBuffer {
        getBytes(): string;
      }
      function fromDer(bytes: string, options?: { strict?: boolean; parseAllBytes?: boolean; decodeBitStrings?: boolean }): Asn1;
      function toDer(obj: Asn1): ByteBuffer;
      const Type: { readonly UTF8: number };
    }

    namespace md {
      interface MessageDigest {
        readonly algorithm: string;
      }
      namespace sha256 {
        function create(): MessageDigest;
      }
    }

    namespace pki {
      interface PublicKey {
        readonly n: unknown;
      }
      interface PrivateKey {
        readonly d: unknown;
      }
      interface CertificateField {
        shortName: string;
        value: string;
        valueTagClass?: number;
      }
      /** forge's extension descriptors: `name` plus flags such as `digitalSignature: true`. */
      type Extension = { name: string; critical?: boolean } & Record<string, string | boolean | undefined>;
      interface Certificate {
        serialNumber: string;
        publicKey: PublicKey;
        validity: { notBefore: Date; notAfter: Date };
        setSubject(attrs: CertificateField[]): void;
        setIssuer(attrs: CertificateField[]): void;
        setExtensions(exts: Extension[]): void;
        sign(key: PrivateKey, md: md.MessageDigest): void;
      }
      function createCertificate(): Certificate;
      function certificateToAsn1(cert: Certificate): asn1.Asn1;
      function publicKeyFromPem(pem: string): PublicKey;
      function privateKeyFromPem(pem: string): PrivateKey;
      function privateKeyToPem(key: PrivateKey): string;
      function certificateFromPem(pem: string): Certificate;
      const oids: Record<string, string>;
    }

    namespace pkcs12 {
      interface Bag {
        type: string;
        key?: pki.PrivateKey | null;
        cert?: pki.Certificate | null;
        /** The PKCS#8 PrivateKeyInfo or certificate forge could not interpret itself (e.g. EC keys). */
        asn1?: asn1.Asn1;
      }
      interface Pkcs12Pfx {
        getBags(filter: { bagType: string }): Record<string, Bag[] | undefined>;
      }
      function pkcs12FromAsn1(obj: asn1.Asn1, strict: boolean, password: string): Pkcs12Pfx;
      function toPkcs12Asn1(
        key: pki.PrivateKey,
        cert: pki.Certificate | pki.Certificate[],
        password: string,
        options?: { algorithm?: 'aes128' | 'aes192' | 'aes256' | '3des'; count?: number; friendlyName?: string },
      ): asn1.Asn1;
    }
  }
  export = forge;
}
