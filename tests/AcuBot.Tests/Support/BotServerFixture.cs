namespace AcuBot.Tests.Support;

/// <summary>
/// One bot and one fake Emulator connector shared by the endpoint tests (the knowledge index is built
/// once). Tests keep out of each other's way by using their own conversation ids; the connector's
/// faults are set per conversation.
/// </summary>
public sealed class BotServerFixture : IAsyncLifetime
{
    private BotServer? _server;
    private FakeConnector? _connector;

    public BotServer Server => _server ?? throw new InvalidOperationException("The fixture is not started.");

    public FakeConnector Connector => _connector ?? throw new InvalidOperationException("The fixture is not started.");

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _server = await BotServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_connector is not null) await _connector.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BotServerCollection : ICollectionFixture<BotServerFixture>
{
    public const string Name = "AcuBot endpoint (shared bot server)";
}
