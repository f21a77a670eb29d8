using AcuBot.Bot.Conversation;
using AcuBot.DirectLine;
using AcuBot.Unanswered;
using Microsoft.Extensions.Options;

namespace AcuBot.Storage;

/// <summary>
/// Which engine holds what, from the standard connection strings: <c>ConnectionStrings:Postgres</c> moves
/// the unanswered log and the insight counts to PostgreSQL; without it they stay in the SQLite file, and
/// one machine needs no database server. <c>ConnectionStrings:Redis</c> moves the Direct Line conversations
/// (activities, watermarks, the started flag, typing indicators between instances), the client limits and the
/// turn's conversation state (follow-up context) to Redis; without it, they stay in process memory.
/// </summary>
public static class StorageServices
{
    public static IServiceCollection AddSharedStores(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString(PostgresDatabase.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton(sp => new PostgresDatabase(postgres, sp.GetRequiredService<ILogger<PostgresDatabase>>()));
            // Connected and migrated when the host starts, not at the first unanswered question: a wrong
            // connection string or an unreachable server stops the start with a clear message.
            services.AddHostedService(sp => new StartWith<PostgresDatabase>(sp));
        }

        var redis = configuration.GetConnectionString(RedisConnection.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<ILogger<RedisConnection>>()));
            services.AddHostedService(sp => new StartWith<RedisConnection>(sp));
            services.AddSingleton<IConversationStateStore, RedisConversationStateStore>();
            services.AddSingleton<IDirectLineConversationStore, RedisDirectLineConversationStore>();
            services.AddSingleton<IValidateOptions<DirectLineOptions>, SharedSecretRequired>();
            services.AddSingleton<Channels.ISharedRateLimiters, RedisRateLimiters>();
            services.AddSingleton<IEphemeralRelay, RedisEphemeralRelay>();
        }
        else
        {
            services.AddSingleton<IConversationStateStore, InMemoryConversationStateStore>();
            services.AddSingleton<IDirectLineConversationStore, InMemoryDirectLineConversationStore>();
        }

        services.AddSingleton<IUnansweredLog>(sp => !sp.GetRequiredService<IOptions<UnansweredOptions>>().Value.Enabled
            ? new NoUnansweredLog()
            : sp.GetService<PostgresDatabase>() is not null
                ? ActivatorUtilities.CreateInstance<PostgresUnansweredLog>(sp)
                : ActivatorUtilities.CreateInstance<SqliteUnansweredLog>(sp));
        return services;
    }
}

/// <summary>
/// With Redis, a conversation started on one instance goes on on another, which must accept the token the
/// first one minted: the secret that signs them must be the same everywhere, so a random one per process
/// (the default without a secret) will not do.
/// </summary>
internal sealed class SharedSecretRequired : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options) => !options.Enabled || !string.IsNullOrWhiteSpace(options.Secret)
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail($"{DirectLineOptions.Section}:Secret must be set when ConnectionStrings:{RedisConnection.ConnectionStringName} is: " +
            "every instance must accept the tokens the others mint. Set the same secret on every instance (environment variable DirectLine__Secret).");
}

/// <summary>Creates a singleton when the host starts.</summary>
internal sealed class StartWith<T>(IServiceProvider services) : IHostedService where T : notnull
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<T>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
