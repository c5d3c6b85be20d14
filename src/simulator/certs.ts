/**
 * A throwaway PKI shaped like Paygent's connection kit (docs/protocol.md §1.3): a CA, a server certificate for
 * 127.0.0.1/localhost, and a client certificate whose key is an encrypted traditional PEM (`Proc-Type: 4,ENCRYPTED`,
 * DES-EDE3-CBC) plus a PKCS#12 (.pfx) protected with 3DES — OpenSSL 3 refuses the RC2 that many old kits use.
 * Keys come from Node's crypto (fast); X.509 and PKCS#12 from node-forge.
 *
 * With a certificate folder the set is kept there and used again at the next start (loadOrGenerateCertificates), so
 * an application configured with these files keeps working across simulator restarts.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from "crypto"
import * as fs from "fs"
import * as path from "path"
import forge from "node-forge"

/** Paygent's kit pass-phrase, also used for the generated client key and PFX. */
export const CLIENT_KEY_PASSPHRASE = "changeit"

export interface GeneratedCertificates {
  caPem: string
  serverCertPem: string
  serverKeyPem: string
  clientCertPem: string
  /** Encrypted traditional PEM (Proc-Type: 4,ENCRYPTED / DES-EDE3-CBC). */
  clientKeyPem: string
  clientPfx: Buffer
  passphrase: string
}

export interface CertificatePaths {
  certDir: string
  caPath: string
  clientCertPath: string
  clientKeyPath: string
  clientPfxPath: string
  /** Encrypted key followed by the certificate in one file, the shape of Paygent's PHP kit. */
  clientKitPath: string
  /** The simulator's own server certificate and key, kept so that the next start can serve the same chain. */
  serverCertPath: string
  serverKeyPath: string
}

interface KeyPair {
  forgePrivate: forge.pki.rsa.PrivateKey
  forgePublic: forge.pki.rsa.PublicKey
  pkcs8Pem: string
  exportEncrypted: (passphrase: string) => string
}

function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }) as string
  return {
    forgePrivate: forge.pki.privateKeyFromPem(pkcs1),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }) as string),
    pkcs8Pem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    exportEncrypted: (passphrase) =>
      privateKey.export({ type: "pkcs1", format: "pem", cipher: "des-ede3-cbc", passphrase }) as string,
  }
}

function serialNumber(): string {
  // Positive (leading 0x01) random serial.
  return "01" + randomBytes(15).toString("hex")
}

function certificate(options: {
  subject: forge.pki.CertificateField[]
  issuer: forge.pki.CertificateField[]
  publicKey: forge.pki.rsa.PublicKey
  signingKey: forge.pki.rsa.PrivateKey
  extensions: object[]
  years: number
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = options.publicKey
  cert.serialNumber = serialNumber()
  const notBefore = new Date(Date.now() - 24 * 60 * 60 * 1000)
  const notAfter = new Date(notBefore)
  notAfter.setFullYear(notAfter.getFullYear() + options.years)
  cert.validity.notBefore = notBefore
  cert.validity.notAfter = notAfter
  cert.setSubject(options.subject)
  cert.setIssuer(options.issuer)
  cert.setExtensions(options.extensions)
  cert.sign(options.signingKey, forge.md.sha256.create())
  return cert
}

const name = (commonName: string, organizationalUnit: string): forge.pki.CertificateField[] => [
  { name: "organizationName", value: "paygent-simulator" },
  { name: "organizationalUnitName", value: organizationalUnit },
  { name: "commonName", value: commonName },
]

/** Generates the CA, the server certificate (for `hosts`) and the client certificate. */
export function generateCertificates(hosts: string[] = [], passphrase = CLIENT_KEY_PASSPHRASE): GeneratedCertificates {
  const caKeys = keyPair()
  const caName = name("paygent-simulator test CA", "Test CA")
  const ca = certificate({
    subject: caName,
    issuer: caName,
    publicKey: caKeys.forgePublic,
    signingKey: caKeys.forgePrivate,
    years: 5,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
      { name: "subjectKeyIdentifier" },
    ],
  })

  const altNames = new Map<string, { type: number; value?: string; ip?: string }>()
  for (const host of ["127.0.0.1", "localhost", "::1", ...hosts]) {
    if (host === "" || host === "0.0.0.0" || host === "::") continue
    const isIp = /^[0-9.]+$/.test(host) || host.includes(":")
    altNames.set(host, isIp ? { type: 7, ip: host } : { type: 2, value: host })
  }
  const serverKeys = keyPair()
  const server = certificate({
    subject: name("localhost", "Simulated Paygent server"),
    issuer: ca.subject.attributes,
    publicKey: serverKeys.forgePublic,
    signingKey: caKeys.forgePrivate,
    years: 5,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [...altNames.values()] },
    ],
  })

  const clientKeys = keyPair()
  const client = certificate({
    subject: name("test-sim-client", "paygent-simulator B2B Module"),
    issuer: ca.subject.attributes,
    publicKey: clientKeys.forgePublic,
    signingKey: caKeys.forgePrivate,
    years: 5,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", clientAuth: true },
    ],
  })

  const pfxAsn1 = forge.pkcs12.toPkcs12Asn1(clientKeys.forgePrivate, [client, ca], passphrase, {
    algorithm: "3des",
    friendlyName: "paygent-simulator client",
  })
  return {
    caPem: forge.pki.certificateToPem(ca),
    serverCertPem: forge.pki.certificateToPem(server),
    serverKeyPem: serverKeys.pkcs8Pem,
    clientCertPem: forge.pki.certificateToPem(client),
    clientKeyPem: clientKeys.exportEncrypted(passphrase),
    clientPfx: Buffer.from(forge.asn1.toDer(pfxAsn1).getBytes(), "binary"),
    passphrase,
  }
}

function pathsIn(certDir: string): CertificatePaths {
  return {
    certDir: path.resolve(certDir),
    caPath: path.resolve(certDir, "ca.pem"),
    clientCertPath: path.resolve(certDir, "client-cert.pem"),
    clientKeyPath: path.resolve(certDir, "client-key.pem"),
    clientPfxPath: path.resolve(certDir, "client.pfx"),
    clientKitPath: path.resolve(certDir, "client-kit.pem"),
    serverCertPath: path.resolve(certDir, "server-cert.pem"),
    serverKeyPath: path.resolve(certDir, "server-key.pem"),
  }
}

/** Writes the kit (CA, client certificate, key, PFX) and the server's certificate and key into `certDir`. */
export function writeCertificates(certDir: string, certs: GeneratedCertificates): CertificatePaths {
  fs.mkdirSync(certDir, { recursive: true })
  const paths = pathsIn(certDir)
  fs.writeFileSync(paths.caPath, certs.caPem)
  fs.writeFileSync(paths.clientCertPath, certs.clientCertPem)
  fs.writeFileSync(paths.clientKeyPath, certs.clientKeyPem, { mode: 0o600 })
  fs.writeFileSync(paths.clientPfxPath, certs.clientPfx, { mode: 0o600 })
  fs.writeFileSync(paths.clientKitPath, certs.clientKeyPem + certs.clientCertPem, { mode: 0o600 })
  fs.writeFileSync(paths.serverCertPath, certs.serverCertPem)
  fs.writeFileSync(paths.serverKeyPath, certs.serverKeyPem, { mode: 0o600 })
  return paths
}

/** A certificate must still be valid this long after a start to be used again. */
const REUSE_MARGIN_MS = 24 * 60 * 60 * 1000

function hostsCovered(server: X509Certificate, hosts: string[]): boolean {
  return hosts
    .filter((host) => host !== "" && host !== "0.0.0.0" && host !== "::")
    .every((host) => (/^[0-9.]+$/.test(host) || host.includes(":") ? server.checkIP(host) : server.checkHost(host)) !== undefined)
}

/**
 * Reads a kit written by writeCertificates, or says why it cannot be used (a file missing, a certificate expiring,
 * another CA, a key that does not match, a host the server certificate does not name).
 */
export function readCertificates(certDir: string, hosts: string[] = [], passphrase = CLIENT_KEY_PASSPHRASE): GeneratedCertificates | string {
  const paths = pathsIn(certDir)
  const files = [paths.caPath, paths.clientCertPath, paths.clientKeyPath, paths.clientPfxPath, paths.serverCertPath, paths.serverKeyPath]
  const missing = files.find((file) => !fs.existsSync(file))
  if (missing) return `${path.basename(missing)} is missing`
  try {
    const caPem = fs.readFileSync(paths.caPath, "utf8")
    const serverCertPem = fs.readFileSync(paths.serverCertPath, "utf8")
    const serverKeyPem = fs.readFileSync(paths.serverKeyPath, "utf8")
    const clientCertPem = fs.readFileSync(paths.clientCertPath, "utf8")
    const clientKeyPem = fs.readFileSync(paths.clientKeyPath, "utf8")
    const ca = new X509Certificate(caPem)
    const server = new X509Certificate(serverCertPem)
    const client = new X509Certificate(clientCertPem)
    const until = Date.now() + REUSE_MARGIN_MS
    for (const [name, cert] of [["ca.pem", ca], ["server-cert.pem", server], ["client-cert.pem", client]] as const) {
      if (Date.parse(cert.validTo) < until) return `${name} expires ${cert.validTo}`
    }
    if (!server.verify(ca.publicKey) || !client.verify(ca.publicKey)) return "the certificates were not issued by ca.pem"
    if (!server.checkPrivateKey(createPrivateKey(serverKeyPem))) return "server-key.pem does not match server-cert.pem"
    if (!client.checkPrivateKey(createPrivateKey({ key: clientKeyPem, passphrase }))) return "client-key.pem does not match client-cert.pem"
    if (!hostsCovered(server, hosts)) return `server-cert.pem does not name ${hosts.join(", ")}`
    return { caPem, serverCertPem, serverKeyPem, clientCertPem, clientKeyPem, clientPfx: fs.readFileSync(paths.clientPfxPath), passphrase }
  } catch (error) {
    return `the files cannot be read (${error instanceof Error ? error.message : String(error)})`
  }
}

/**
 * The certificates of a TLS simulator: the ones already in `certDir` when they are complete and still good (so the
 * CA an application trusts and the client certificate it presents stay the same across restarts), otherwise a new set
 * written there. Without a folder, a new set in memory.
 */
export function loadOrGenerateCertificates(
  certDir: string | undefined,
  hosts: string[],
  log: (line: string) => void = () => undefined,
): { certs: GeneratedCertificates; paths?: CertificatePaths; reused: boolean } {
  if (!certDir) return { certs: generateCertificates(hosts), reused: false }
  const existing = readCertificates(certDir, hosts)
  if (typeof existing !== "string") return { certs: existing, paths: pathsIn(certDir), reused: true }
  if (fs.existsSync(path.join(certDir, "ca.pem"))) log(`certificates in ${certDir} not reused: ${existing}; writing a new set`)
  const certs = generateCertificates(hosts)
  return { certs, paths: writeCertificates(certDir, certs), reused: false }
}
