using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AcuBot.Bot.Conversation;
using AcuBot.Protocol.Auth;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Auth;

/// <summary>The settings the tests turn authentication on with; none of them is a real credential.</summary>
public static class AuthSettings
{
    public const string AppId = "5d2a0b1c-0000-4000-8000-0000ac0b07e2";
    public const string Password = "e2e-test-app-password-not-a-secret";
    /// <summary>The issuer the test channel signs as; not the Bot Framework's, so only ValidIssuers can make it trusted.</summary>
    public const string Issuer = "https://api.botframework.acubot.test";
    /// <summary>The channel the signing key endorses (the Emulator's, as <see cref="EmulatorActivity"/> sends).</summary>
    public const string EndorsedChannel = "emulator";
    /// <summary>Put on the serviceUrl allow-list instead of "loopback": with authentication on, only a token can make a serviceUrl trusted.</summary>
    public const string AllowListedHost = "allowlisted.invalid";
}

/// <summary>
/// The real bot with Bot Framework authentication on, and everything it talks to on loopback: the
/// channel's OpenID metadata and keys (HTTP), the token endpoint (HTTPS, self-signed, trusted by the
/// bot's MSAL client only), a connector on 127.0.0.1 and another on 127.0.0.2.
/// </summary>
public sealed class AuthEnvironment : IAsyncLifetime
{
    public ChannelSigningKey Key { get; } = new("acubot-e2e-key-1", AuthSettings.EndorsedChannel) { Issuer = AuthSettings.Issuer, Audience = AuthSettings.AppId };

    /// <summary>Same key id as <see cref="Key"/>, never published: its tokens have a bad signature.</summary>
    public ChannelSigningKey Forger { get; } = new("acubot-e2e-key-1", AuthSettings.EndorsedChannel) { Issuer = AuthSettings.Issuer, Audience = AuthSettings.AppId };

    public FakeChannelMetadata Metadata { get; private set; } = null!;

    public FakeTokenAuthority Authority { get; private set; } = null!;

    /// <summary>The connector on 127.0.0.1.</summary>
    public RecordingConnector Connector { get; private set; } = null!;

    /// <summary>A connector on another loopback address, 127.0.0.2.</summary>
    public RecordingConnector OtherConnector { get; private set; } = null!;

    public AuthBotServer Server { get; private set; } = null!;

    /// <summary>More settings for the bot, e.g. a limit the auth tests otherwise leave off.</summary>
    public string[] ExtraArgs { get; init; } = [];

    public async Task InitializeAsync()
    {
        Metadata = await FakeChannelMetadata.StartAsync(Key);
        Metadata.Issuer = AuthSettings.Issuer;
        Authority = await FakeTokenAuthority.StartAsync();
        Connector = await RecordingConnector.StartAsync();
        OtherConnector = await RecordingConnector.StartAsync(IPAddress.Parse("127.0.0.2"));
        Server = await AuthBotServer.StartAsync(
        [
            $"--BotAuthentication:MicrosoftAppId={AuthSettings.AppId}",
            $"--BotAuthentication:MicrosoftAppPassword={AuthSettings.Password}",
            $"--BotAuthentication:OpenIdMetadataUrl={Metadata.MetadataUrl}",
            "--BotAuthentication:RequireHttpsMetadata=false",
            $"--BotAuthentication:ValidIssuers:0={AuthSettings.Issuer}",
            $"--BotAuthentication:TokenAuthority={Authority.Authority}",
            $"--Channels:AllowedServiceUrlHosts:0={AuthSettings.AllowListedHost}",
            .. ExtraArgs,
        ], builder => builder.Services
            .AddHttpClient(HttpClientFactoryForMsal.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => Authority.Certificate.CreateTrustingHandler()));

        // Fetch the channel's keys once, outside any test, so a refused request can be shown to send
        // nothing at all (not even a metadata fetch). This is also a check of the setup itself.
        var warmUp = await Server.Service<ChannelTokenValidator>().ValidateAsync(
            "Bearer " + Key.Mint(Connector.ServiceUrl), Connector.ServiceUrl, AuthSettings.EndorsedChannel, CancellationToken.None);
        Assert.True(warmUp.IsValid, $"the warm-up token was refused: {warmUp.Error} {warmUp.Reason}");
        Assert.True(Metadata.Fetches >= 2, "the metadata and keys were not fetched from the fake channel");
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization) =>
        Server.Client.PostWithAuthorizationAsync(activity, authorization);

    public static string Bearer(string token) => "Bearer " + token;

    /// <summary>Counts of what has been sent so far, for <see cref="AssertNothingSentSince"/>.</summary>
    public Marks Mark() => new(Server.Outgoing.Sent.Count, Connector.Received.Count, OtherConnector.Received.Count,
        Authority.Received.Count, Metadata.Fetches, Server.Logs.Count, Server.Guard.Refused.Count);

    /// <summary>The bot sent nothing anywhere: no HttpClient request, nothing at either connector, the token endpoint or the metadata.</summary>
    public void AssertNothingSentSince(Marks marks)
    {
        var outgoing = Server.Outgoing.Sent.Skip(marks.Outgoing).Select(s => $"{s.Method} {s.Uri}").ToList();
        Assert.True(outgoing.Count == 0, "the bot sent: " + string.Join(", ", outgoing));
        Assert.Empty(Connector.Received.Skip(marks.Connector));
        Assert.Empty(OtherConnector.Received.Skip(marks.OtherConnector));
        Assert.Equal(marks.Authority, Authority.Received.Count);
        Assert.Equal(marks.Metadata, Metadata.Fetches);
        Assert.Empty(Server.Guard.Refused.Skip(marks.Refused));
    }

    /// <summary>Every request the bot sent since <paramref name="marks"/>, as absolute URIs.</summary>
    public IReadOnlyList<Uri> SentSince(Marks marks) => [.. Server.Outgoing.Sent.Skip(marks.Outgoing).Select(s => s.Uri!)];

    /// <summary>Whether a turn ran for the conversation: an answered question is remembered in its state.</summary>
    public bool TurnRanFor(string conversationId) =>
        Server.Service<IConversationStateStore>().GetAsync(conversationId).AsTask().GetAwaiter().GetResult() is not null; // the in-memory store answers at once

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (OtherConnector is not null) await OtherConnector.DisposeAsync();
        if (Connector is not null) await Connector.DisposeAsync();
        if (Authority is not null) await Authority.DisposeAsync();
        if (Metadata is not null) await Metadata.DisposeAsync();
        Key.Dispose();
        Forger.Dispose();
    }

    public readonly record struct Marks(int Outgoing, int Connector, int OtherConnector, int Authority, int Metadata, int Logs, int Refused);
}

public static class AuthHttp
{
    /// <summary>POSTs an activity to <c>/api/messages</c> with the given Authorization header value (none when null).</summary>
    public static async Task<HttpResponseMessage> PostWithAuthorizationAsync(this HttpClient client, JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHttp.MessagesPath)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }
}

[CollectionDefinition(Name)]
public sealed class AuthEnvironmentCollection : ICollectionFixture<AuthEnvironment>
{
    public const string Name = "AcuBot endpoint with Bot Framework authentication on";
}
