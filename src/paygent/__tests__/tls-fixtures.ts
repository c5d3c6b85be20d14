import { generateKeyPairSync } from "node:crypto"
import forge from "node-forge"

/**
 * Throwaway PKI for the transport tests, built with node-forge: a CA, a server certificate for
 * localhost/127.0.0.1, a client certificate (key as legacy encrypted PEM "Proc-Type: 4,ENCRYPTED",
 * DES-EDE3-CBC, and as a 3DES PKCS#12), and a client certificate from a foreign CA. RSA keys come from
 * node:crypto because forge's pure-JS key generation takes seconds.
 */

export interface TestPki {
  caPem: string
  serverCertPem: string
  serverKeyPem: string
  /** Server certificate whose names do not include localhost / 127.0.0.1. */
  otherHostCertPem: string
  otherHostKeyPem: string
  clientCertPem: string
  clientKeyEncryptedPem: string
  clientPfx: Buffer
  passphrase: string
  foreignClientCertPem: string
  foreignClientKeyPem: string
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString()
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem }
}

let serial = 1

function certificate(options: {
  subjectCN: string
  publicKey: forge.pki.PublicKey
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }
  selfKey?: forge.pki.rsa.PrivateKey
  isCa?: boolean
  altNames?: Array<{ type: number; value?: string; ip?: string }>
  clientAuth?: boolean
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = options.publicKey
  cert.serialNumber = String(++serial).padStart(2, "0")
  cert.validity.notBefore = new Date(Date.now() - 60_000)
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000)
  const subject = [{ name: "commonName", value: options.subjectCN }, { name: "organizationName", value: "PAYGENT TEST" }]
  cert.setSubject(subject)
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : subject)
  const extensions: object[] = [{ name: "basicConstraints", cA: !!options.isCa, critical: true }]
  if (options.isCa) extensions.push({ name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true })
  else {
    extensions.push({ name: "keyUsage", digitalSignature: true, keyEncipherment: true })
    extensions.push({ name: "extKeyUsage", serverAuth: !options.clientAuth, clientAuth: !!options.clientAuth })
  }
  if (options.altNames) extensions.push({ name: "subjectAltName", altNames: options.altNames })
  cert.setExtensions(extensions)
  cert.sign((options.issuer?.key ?? options.selfKey)!, forge.md.sha256.create())
  return cert
}

export function createTestPki(passphrase = "test-pass-phrase-3des"): TestPki {
  const caKeys = keyPair()
  const ca = certificate({ subjectCN: "Test CA", publicKey: caKeys.publicKey, selfKey: caKeys.privateKey, isCa: true })
  const issuer = { cert: ca, key: caKeys.privateKey }

  const serverKeys = keyPair()
  const server = certificate({
    subjectCN: "localhost",
    publicKey: serverKeys.publicKey,
    issuer,
    altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }],
  })
  const otherKeys = keyPair()
  const other = certificate({ subjectCN: "module.example.invalid", publicKey: otherKeys.publicKey, issuer, altNames: [{ type: 2, value: "module.example.invalid" }] })

  const clientKeys = keyPair()
  const client = certificate({ subjectCN: "test3-client", publicKey: clientKeys.publicKey, issuer, clientAuth: true })

  const foreignCaKeys = keyPair()
  const foreignCa = certificate({ subjectCN: "Foreign CA", publicKey: foreignCaKeys.publicKey, selfKey: foreignCaKeys.privateKey, isCa: true })
  const foreignKeys = keyPair()
  const foreign = certificate({ subjectCN: "intruder", publicKey: foreignKeys.publicKey, issuer: { cert: foreignCa, key: foreignCaKeys.privateKey }, clientAuth: true })

  const clientKeyEncryptedPem = forge.pki.encryptRsaPrivateKey(clientKeys.privateKey, passphrase, { legacy: true, algorithm: "3des" })
  const p12 = forge.pkcs12.toPkcs12Asn1(clientKeys.privateKey, [client, ca], passphrase, { algorithm: "3des" })
  const clientPfx = Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary")

  return {
    caPem: forge.pki.certificateToPem(ca),
    serverCertPem: forge.pki.certificateToPem(server),
    serverKeyPem: serverKeys.pem,
    otherHostCertPem: forge.pki.certificateToPem(other),
    otherHostKeyPem: otherKeys.pem,
    clientCertPem: forge.pki.certificateToPem(client),
    clientKeyEncryptedPem,
    clientPfx,
    passphrase,
    foreignClientCertPem: forge.pki.certificateToPem(foreign),
    foreignClientKeyPem: foreignKeys.pem,
  }
}
