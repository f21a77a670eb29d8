using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using AcuBot.WebChat;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace AcuBot.Extensions;

/// <summary>
/// The widget's files, compressed for browsers that accept it. The 3.9 MB Web Chat bundle is compressed
/// once, at build time (<c>webchat.js.br</c> and <c>.gz</c> beside it, see AcuBot.csproj): a request that
/// accepts Brotli or gzip gets that file with <c>Content-Encoding</c> and <c>Vary: Accept-Encoding</c>,
/// at no CPU cost per request. The small pages (HTML, CSS, embed.js) are compressed as they are sent.
/// JSON responses are not compressed: they are small, and they carry tokens (BREACH).
/// Caching: the bundle requested with its fingerprint (<c>/webchat/webchat.js?v=</c><see cref="FingerprintOf"/>)
/// never changes, so it is cached for a year as immutable; under its plain URL it keeps the short cache
/// the site files have, revalidated by its ETag.
/// </summary>
public static class SiteCompression
{
    public const string FingerprintQuery = "v";

    private static readonly (string Encoding, string Extension)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    private static readonly string[] PageTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];

    public static IServiceCollection AddSiteCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(compression =>
        {
            // The pages are public and hold no secret, so compressing them over HTTPS leaks nothing (BREACH needs both).
            compression.EnableForHttps = true;
            compression.MimeTypes = PageTypes;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Before the site files: serves precompressed variants, and compresses the other pages.</summary>
    public static IApplicationBuilder UseSiteCompression(this IApplicationBuilder app)
    {
        // Only the pages: the API's responses are left alone (see above) and pay nothing for this.
        app.UseWhen(http => HttpMethods.IsGet(http.Request.Method) && !IsApi(http.Request.Path), pages => pages.UseResponseCompression());
        if (!Directory.Exists(SiteFiles.Root)) return app;

        var files = new PhysicalFileProvider(SiteFiles.Root);
        var branch = app.New();
        branch.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new VariantContentTypes(),
            OnPrepareResponse = context => PrepareVariant(context.Context),
        });
        branch.Run(http =>
        {
            http.Items[NotServed] = true;
            return Task.CompletedTask;
        });
        var serveVariant = branch.Build();
        var variants = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);

        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !request.Path.HasValue || IsApi(request.Path))
            {
                await next(http);
                return;
            }
            var path = request.Path.Value!;
            var available = variants.GetOrAdd(path, p => Encodings.Where(e => files.GetFileInfo(p + e.Extension).Exists).Select(e => e.Encoding).ToArray());
            if (available.Length == 0)
            {
                await next(http);
                return;
            }

            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            MarkIfFingerprinted(http, files, path);
            if (Choose(request, available) is not { } encoding)
            {
                await next(http);
                return;
            }
            http.Items[ChosenEncoding] = encoding;
            request.Path = path + Encodings.First(e => e.Encoding == encoding).Extension;
            await serveVariant(http);
            if (!http.Items.ContainsKey(NotServed)) return;
            // The variant went away (a redeploy in progress): serve the file itself.
            request.Path = path;
            http.Items.Remove(ChosenEncoding);
            await next(http);
        });
        return app;
    }

    /// <summary>The first 16 hex digits of the file's SHA-256: its version, for a URL that can be cached for good.</summary>
    public static string FingerprintOf(IFileInfo file)
    {
        using var stream = file.CreateReadStream();
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    private static readonly ConcurrentDictionary<string, string> Fingerprints = new(StringComparer.Ordinal);

    /// <summary>A request naming the file's current fingerprint may cache the answer for good.</summary>
    private static void MarkIfFingerprinted(HttpContext http, IFileProvider files, string path)
    {
        var asked = http.Request.Query[FingerprintQuery].ToString();
        if (asked.Length == 0) return;
        var fingerprint = Fingerprints.GetOrAdd(path, p => files.GetFileInfo(p) is { Exists: true } file ? FingerprintOf(file) : "");
        if (fingerprint.Length > 0 && string.Equals(asked, fingerprint, StringComparison.OrdinalIgnoreCase))
            http.Items[Immutable] = true;
    }

    private static void PrepareVariant(HttpContext http)
    {
        if (http.Items[ChosenEncoding] is string encoding) http.Response.Headers.ContentEncoding = encoding;
        http.Response.Headers.CacheControl = http.Items.ContainsKey(Immutable) ? "public, max-age=31536000, immutable" : "public, max-age=300";
    }

    /// <summary>The encoding to send: Brotli before gzip, each only if the request accepts it (q above 0).</summary>
    private static string? Choose(HttpRequest request, string[] available)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (accepted.Count == 0) return null;
        foreach (var encoding in available)
        {
            var match = accepted.FirstOrDefault(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase))
                        ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
            if (match is not null && (match.Quality ?? 1) > 0) return encoding;
        }
        return null;
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/v3");

    private const string ChosenEncoding = "AcuBot.SiteCompression.Encoding";
    private const string NotServed = "AcuBot.SiteCompression.NotServed";
    private const string Immutable = "AcuBot.SiteCompression.Immutable";

    /// <summary>A variant's type is its original's: <c>webchat.js.br</c> is JavaScript.</summary>
    private sealed class VariantContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, extension) in Encodings)
                if (subpath.EndsWith(extension, StringComparison.Ordinal))
                    return _types.TryGetContentType(subpath[..^extension.Length], out contentType!);
            contentType = "";
            return false;
        }
    }
}
