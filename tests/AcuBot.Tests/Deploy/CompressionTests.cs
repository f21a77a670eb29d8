using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AcuBot.Extensions;
using AcuBot.Tests.Support;
using Microsoft.Extensions.FileProviders;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// The 3.9 MB Web Chat bundle goes compressed to browsers that accept it (precompressed at build time),
/// the small pages are compressed as they are sent, and the API's JSON is left alone. The test client
/// does not decompress, so what is asserted is what went over the wire.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class CompressionTests(BotServerFixture fixture)
{
    private const string Bundle = "webchat/webchat.js";

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task The_bundle_is_sent_precompressed_in_an_encoding_the_browser_accepts(string acceptEncoding, string expected)
    {
        var identity = await GetAsync(Bundle, null);
        var identityBytes = await identity.Content.ReadAsByteArrayAsync();

        using var compressed = await GetAsync(Bundle, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(expected, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("javascript", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < identityBytes.Length / 3, $"{bytes.Length} bytes compressed of {identityBytes.Length}");
        Assert.Equal(identityBytes, Decompress(bytes, expected));
    }

    [Fact]
    public async Task Without_accept_encoding_the_bundle_is_sent_as_it_is_and_caches_vary_by_encoding()
    {
        using var response = await GetAsync(Bundle, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_bundle_under_its_fingerprint_is_cached_for_good_and_under_its_plain_url_briefly()
    {
        var fingerprint = SiteCompression.FingerprintOf(new PhysicalFileProvider(AcuBot.WebChat.SiteFiles.Root).GetFileInfo(Bundle));

        using var fingerprinted = await GetAsync($"{Bundle}?v={fingerprint}", "br");
        using var plain = await GetAsync(Bundle, "br");
        using var stale = await GetAsync($"{Bundle}?v=0123456789abcdef", "br");

        Assert.Equal("public, max-age=31536000, immutable", fingerprinted.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=300", plain.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=300", stale.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_cached_copy_is_revalidated_by_its_etag()
    {
        using var first = await GetAsync(Bundle, "br");
        using var request = new HttpRequestMessage(HttpMethod.Get, Bundle);
        request.Headers.AcceptEncoding.ParseAdd("br");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task The_pages_are_compressed_as_they_are_sent()
    {
        using var page = await GetAsync("", "gzip");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("gzip", Assert.Single(page.Content.Headers.ContentEncoding));
        Assert.Contains("<html", System.Text.Encoding.UTF8.GetString(Decompress(await page.Content.ReadAsByteArrayAsync(), "gzip")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_api_json_is_not_compressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/webchat/settings");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await fixture.Client.SendAsync(request);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
