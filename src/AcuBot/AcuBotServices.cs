using AcuBot.Bot;
using AcuBot.Clinic;
using AcuBot.Channels;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using AcuBot.DirectLine;
using AcuBot.WebChat;
using Microsoft.AspNetCore.Cors.Infrastructure;
using AcuBot.Bot.Conversation;
using AcuBot.Bot.Safety;
using AcuBot.Bot.Turn;
using AcuBot.Bot.Turn.Steps;
using AcuBot.Bot.SmallTalk;
using AcuBot.Unanswered;
using AcuBot.Knowledge;
using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using AcuBot.Protocol.Auth;
using AcuBot.Protocol.Connector;
using AcuBot.Storage;
using Microsoft.Extensions.Options;

namespace AcuBot;

/// <summary>The services every way of running the bot shares (web host and CLI commands alike).</summary>
public static class AcuBotServices
{
    public static IServiceCollection AddAcuBot(this IServiceCollection services, IConfiguration configuration)
    {
        // Every section of appsettings.json, bound and checked at start (Options/SettingsRegistration.cs).
        services.AddAcuBotSettings(configuration);

        services.AddSingleton<SentenceModel>();
        services.AddSingleton<PassageAnalyzer>();
        services.AddSingleton<KnowledgeService>();
        services.AddSingleton<AnswerComposer>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<TurnPipeline>();
        services.AddSingleton<InputCheckStep>();
        services.AddSingleton<RedFlagStep>();
        services.AddSingleton<LengthCheckStep>();
        services.AddSingleton<SmallTalkStep>();
        services.AddSingleton<NoKnowledgeStep>();
        services.AddSingleton<FollowUpStep>();
        services.AddSingleton<CuratedAnswerStep>();
        services.AddSingleton<SearchStep>();
        services.AddSingleton<FallbackStep>();
        services.AddSingleton<ReplyFinisher>();
        services.AddSingleton<ClinicBot>();
        services.AddSingleton<UrgentCareReplies>();
        services.AddSingleton<SmallTalkDetector>();
        services.AddSingleton<SmallTalkReplies>();
        services.AddSingleton(TimeProvider.System);

        services.AddSharedStores(configuration);
        services.AddClinicInsights(configuration);

        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineTurn>();
        services.AddSingleton<DirectLineStreams>();
        services.AddSingleton<AllowedOrigins>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<AllowedOrigins>((cors, origins) => cors.AddPolicy(AllowedOrigins.CorsPolicy, policy => policy
            .SetIsOriginAllowed(origins.IsConfigured)
            .AllowAnyHeader()
            .WithMethods("GET", "POST")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        services.AddSingleton(sp => new ServiceUrlPolicy(sp.GetRequiredService<IOptions<ChannelOptions>>().Value.EffectiveServiceUrlHosts));
        services.AddSingleton<ClientRateLimits>();
        services.AddBotFrameworkAuthentication(configuration.GetSection(BotAuthenticationOptions.Section));
        // Replies to a channel: a serviceUrl that is slow, refuses or answers 5xx/429 is retried with
        // exponential backoff (honouring Retry-After), all within Limits:ConnectorTimeout.
        services.AddHttpClient<ConnectorClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // A redirect would take the reply to a URL the serviceUrl allow-list never saw: a 3xx is a failure.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddBotConnectorAuthentication()
            .AddResilienceHandler("connector", (pipeline, context) =>
            {
                var total = context.ServiceProvider.GetRequiredService<IOptions<LimitsOptions>>().Value.ConnectorTimeout;
                pipeline.AddTimeout(total);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(total / 3);
            });
        return services;
    }
}
