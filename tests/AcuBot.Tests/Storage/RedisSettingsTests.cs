using AcuBot.Extensions;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Storage;

/// <summary>Issue 13: with Redis, tokens minted by one instance must verify on the others, so a shared DirectLine:Secret is required.</summary>
public sealed class RedisSettingsTests
{
    [Fact]
    public async Task Redis_without_a_Direct_Line_secret_stops_the_start_with_a_line_saying_so()
    {
        // Checked before Redis is reached: no server needed, the address is never dialled.
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var _ = await BotServer.StartAsync("--ConnectionStrings:Redis=127.0.0.1:1,connectTimeout=200", "--DirectLine:Secret=");
        });

        var described = StartupErrors.Describe(failure);
        Assert.True(described is not null, failure.ToString());
        Assert.Equal(StartupErrors.SettingsExitCode, described.Value.ExitCode);
        Assert.Contains(described.Value.Lines, line => line.StartsWith("AcuBot cannot start: DirectLine:Secret must be set when ConnectionStrings:Redis is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_Direct_Line_no_secret_is_needed()
    {
        // The bot starts while Redis does not answer (it connects when Redis does): nothing here needs a server.
        await using var server = await BotServer.StartAsync("--ConnectionStrings:Redis=127.0.0.1:1,connectTimeout=200", "--DirectLine:Enabled=false", "--DirectLine:Secret=");
        Assert.NotNull(server.BaseAddress);
    }
}
