using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcuBot.Testing.Auth;

/// <summary>
/// A self-signed certificate for 127.0.0.1, made per test run, and a handler (or HttpClient) that trusts
/// exactly it (pinned by hash), so HTTPS on loopback works without touching the machine's trust store.
/// One file in tests/Shared, compiled into the test projects that need it.
/// </summary>
public sealed class LoopbackCertificate : IDisposable
{
    public LoopbackCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        Certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>A primary handler that accepts this certificate and no other (the OS trust store is not consulted).</summary>
    public SocketsHttpHandler CreateTrustingHandler()
    {
        var pinned = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == pinned,
            },
        };
    }

    /// <summary>An HttpClient over <see cref="CreateTrustingHandler"/>.</summary>
    public HttpClient CreateTrustingClient() => new(CreateTrustingHandler());

    public void Dispose() => Certificate.Dispose();
}
