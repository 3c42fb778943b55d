"""Writes a test CA and server certificates for the TLS tests of the SMTP sink into a folder.

Run: python3 make_test_certificates.py OUT_DIR
Writes, each certificate PEM with its key beside it (NAME.pem, NAME-key.pem):
  ca.pem          the test CA, which the tests give the server as --smtp-ca-file
  localhost       for DNS:localhost and IP:127.0.0.1, signed by the test CA
  wrong-host      for DNS:mail.example.org only, signed by the test CA
  other-ca.pem    a second CA, never given to the server
  untrusted       for localhost and 127.0.0.1 like the first, but signed by the other CA
Every certificate is valid from 2000 to 2099, so the tests do not depend on today's date
(they run under libfaketime too). Keys are EC P-256: quick to make, and fresh on every run.
"""
import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOT_BEFORE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
NOT_AFTER = datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc)


def name(common_name):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Wegweiser tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def make_ca(common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = name(common_name)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False),
            critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def make_server(common_name, alternative_names, ca_certificate, ca_key):
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name(common_name))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.SubjectAlternativeName(alternative_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False),
            critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return certificate, key


def write(directory, stem, certificate, key=None):
    with open(os.path.join(directory, stem + ".pem"), "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        path = os.path.join(directory, stem + "-key.pem")
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption()))


def main(directory):
    os.makedirs(directory, exist_ok=True)
    local = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    ca, ca_key = make_ca("Wegweiser test CA")
    write(directory, "ca", ca)
    write(directory, "localhost", *make_server("localhost", local, ca, ca_key))
    write(directory, "wrong-host",
          *make_server("mail.example.org", [x509.DNSName("mail.example.org")], ca, ca_key))
    other, other_key = make_ca("Another test CA")
    write(directory, "other-ca", other)
    write(directory, "untrusted", *make_server("localhost", local, other, other_key))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_test_certificates.py OUT_DIR")
    main(sys.argv[1])
