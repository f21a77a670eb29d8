using AcuBot.Health;
using AcuBot.Tests.Bot;
using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.Storage;

/// <summary>/health/ready's "stores" check says which engines hold what, and that one cannot be reached.</summary>
[Collection(PostgresFixture.Name)]
public class StoresHealthTests(PostgresFixture postgres)
{
    [RedisFact]
    public async Task Redis_away_makes_the_stores_check_degraded_and_naming_the_setting()
    {
        await using var redis = await RedisServer.StartAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Redis={redis.ConnectionString}");
        await bot.AskAsync("Does acupuncture hurt?");

        var up = await CheckAsync(bot);
        await redis.StopAsync();
        var down = await WaitForAsync(bot, r => r.Status == HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.StartsWith("Conversations in Redis", up.Description);
        Assert.Equal(HealthStatus.Degraded, down.Status);
        Assert.Contains("ConnectionStrings:Redis", down.Description);
    }

    [PostgresFact]
    public async Task The_unanswered_log_on_PostgreSQL_is_checked_by_a_query()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}");

        var result = await CheckAsync(bot);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("PostgreSQL answers", result.Description);
    }

    private static Task<HealthCheckResult> CheckAsync(BotUnderTest bot)
    {
        var services = bot.Host.Services;
        var check = new StoresHealthCheck(services.GetRequiredService<IUnansweredLog>(), services.GetRequiredService<IOptions<UnansweredOptions>>(),
            services.GetRequiredService<IHostEnvironment>(), services);
        return check.CheckHealthAsync(new HealthCheckContext());
    }

    /// <summary>The client notices a lost connection within its keep-alive, not at once.</summary>
    private static async Task<HealthCheckResult> WaitForAsync(BotUnderTest bot, Func<HealthCheckResult, bool> done)
    {
        var result = await CheckAsync(bot);
        for (var i = 0; i < 100 && !done(result); i++)
        {
            await Task.Delay(100);
            result = await CheckAsync(bot);
        }
        return result;
    }
}
