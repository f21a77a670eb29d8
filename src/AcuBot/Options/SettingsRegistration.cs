using System.Net;
using AcuBot.Bot.Safety;
using AcuBot.Bot.SmallTalk;
using AcuBot.Bot.Turn;
using AcuBot.DirectLine;
using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using AcuBot.Protocol.Auth;
using AcuBot.Unanswered;
using AcuBot.WebChat;
using Microsoft.Extensions.Options;

namespace AcuBot.Options;

/// <summary>
/// Every settings section of appsettings.json, bound to its options class and checked when the bot
/// starts (<c>ValidateOnStart</c>): an unknown key or a value out of range stops the bot with a message
/// naming the setting, instead of a bot that runs on a default nobody chose. The ranges are here, in one
/// place, beside the sections they check.
/// </summary>
public static class SettingsRegistration
{
    public static IServiceCollection AddAcuBotSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ClinicOptions>(configuration, ClinicOptions.Section, (check, o) =>
        {
            check.NotEmpty(nameof(o.Name), o.Name);
            // Every reply carries it: an empty one would silently drop the "not medical advice" line.
            check.NotEmpty(nameof(o.Disclaimer), o.Disclaimer);
            check.NotEmpty(nameof(o.EmergencyNumber), o.EmergencyNumber);
        }, typeof(Clinic.InsightsOptions)); // Clinic:InsightsKey and Clinic:InsightsDays, the insights page's
        // The knowledge folder is relative to where appsettings.json is, not to wherever the bot was started.
        services.AddSettings<KnowledgeSourceOptions>(configuration, "Knowledge", (check, o) =>
            {
                check.NotEmpty(nameof(o.SynonymsFile), o.SynonymsFile);
                check.NotEmpty(nameof(o.RedFlagsFile), o.RedFlagsFile);
                check.NotEmpty(nameof(o.NotAnsweredFile), o.NotAnsweredFile);
                check.AtLeast(nameof(o.MaxFileBytes), o.MaxFileBytes, 1);
                check.NotNegative(nameof(o.ReloadDelay), o.ReloadDelay);
                check.NotNegative(nameof(o.HoldBackFor), o.HoldBackFor);
            })
            .PostConfigure<IHostEnvironment>((options, host) => options.Folder = Path.GetFullPath(options.Folder, host.ContentRootPath));
        services.AddSettings<SearchTuning>(configuration, "Search", (check, o) =>
        {
            check.Between(nameof(o.TitleBoost), o.TitleBoost, 0, 100);
            check.Between(nameof(o.QuestionBoost), o.QuestionBoost, 0, 100);
            check.AtLeast(nameof(o.Candidates), o.Candidates, 1);
            check.AtLeast(nameof(o.DenseCandidates), o.DenseCandidates, 1);
            check.Between(nameof(o.DenseWeight), o.DenseWeight, 0, 10);
            check.Between(nameof(o.InformativeWeight), o.InformativeWeight, 0, 100);
            check.Between(nameof(o.ConfidenceShare), o.ConfidenceShare, 0, 1);
            check.Between(nameof(o.DefinitionBonus), o.DefinitionBonus, 0, 1);
            check.AtLeast(nameof(o.MaxConcepts), o.MaxConcepts, 1);
        });
        services.AddSettings<EmbeddingOptions>(configuration, EmbeddingOptions.Section, (check, o) =>
        {
            check.AtLeast(nameof(o.Threads), o.Threads, 1);
            check.AtLeast(nameof(o.Workers), o.Workers, 0);
            check.AtLeast(nameof(o.MaxBatch), o.MaxBatch, 1);
            check.AtLeast(nameof(o.QueryCacheSize), o.QueryCacheSize, 0);
            check.AtLeast(nameof(o.BackgroundFrom), o.BackgroundFrom, 0);
        });
        services.AddSettings<AnswerOptions>(configuration, AnswerOptions.Section, (check, o) =>
        {
            check.Between(nameof(o.ConfidenceThreshold), o.ConfidenceThreshold, 0, 1);
            check.Between(nameof(o.SimilarityWeight), o.SimilarityWeight, 0, 10);
            check.Between(nameof(o.CombinedThreshold), o.CombinedThreshold, 0, 11);
            check.Between(nameof(o.AskedSimilarity), o.AskedSimilarity, 0, 1);
            check.Between(nameof(o.AskedSimilarityDespiteUnknownWord), o.AskedSimilarityDespiteUnknownWord, 0, 1);
            check.Between(nameof(o.NotAnsweredMargin), o.NotAnsweredMargin, 0, 2);
            check.Between(nameof(o.MarginConfidenceWeight), o.MarginConfidenceWeight, 0, 2);
            check.Between(nameof(o.MarginUnknownWordCost), o.MarginUnknownWordCost, 0, 2);
            check.Between(nameof(o.MeaningFloor), o.MeaningFloor, 0, 1);
            check.Between(nameof(o.NotAnsweredVeto), o.NotAnsweredVeto, 0, 2);
            check.Between(nameof(o.CuratedSimilarity), o.CuratedSimilarity, 0, 1);
            check.Between(nameof(o.CuratedThreshold), o.CuratedThreshold, 0, 1);
            check.Between(nameof(o.SectionOverviewThreshold), o.SectionOverviewThreshold, 0, 1);
            check.Between(nameof(o.MaxSuggestions), o.MaxSuggestions, 0, 10);
            check.NotEmpty(nameof(o.Topic), o.Topic);
            check.Positive(nameof(o.ConversationTimeout), o.ConversationTimeout);
        });
        services.AddSettings<LimitsOptions>(configuration, LimitsOptions.Section, (check, o) =>
        {
            // Kestrel's own cap is 8 times this (AcuBotHost): at most 1 GiB keeps that within range.
            check.Between(nameof(o.MaxRequestBodyBytes), o.MaxRequestBodyBytes, 1024, 1L << 30);
            check.AtLeast(nameof(o.MaxMessageLength), o.MaxMessageLength, 1);
            check.AtLeast(nameof(o.MaxIdLength), o.MaxIdLength, 1);
            check.AtLeast(nameof(o.MaxAttachments), o.MaxAttachments, 0);
            check.Positive(nameof(o.ConnectorTimeout), o.ConnectorTimeout);
            check.AtLeast(nameof(o.MessagesPerMinutePerAddress), o.MessagesPerMinutePerAddress, 0);
            check.AtLeast(nameof(o.MessagesPerMinutePerConversation), o.MessagesPerMinutePerConversation, 0);
            check.AtLeast(nameof(o.TokensPerMinutePerAddress), o.TokensPerMinutePerAddress, 0);
            check.AtLeast(nameof(o.ReadsPerMinutePerAddress), o.ReadsPerMinutePerAddress, 0);
            check.AtLeast(nameof(o.FailedAuthenticationsPerMinutePerAddress), o.FailedAuthenticationsPerMinutePerAddress, 0);
            check.AtLeast(nameof(o.StreamsPerAddress), o.StreamsPerAddress, 0);
        });
        services.AddSettings<ChannelOptions>(configuration, ChannelOptions.Section, (check, o) =>
            check.Check(o.AllowedServiceUrlHosts.All(h => !string.IsNullOrWhiteSpace(h)), nameof(o.AllowedServiceUrlHosts), "must not hold an empty host"));
        services.AddSettings<ProxyOptions>(configuration, ProxyOptions.Section, (check, o) =>
        {
            foreach (var address in o.TrustedProxies)
                check.Check(IPAddress.TryParse(address.Trim(), out _), nameof(o.TrustedProxies), $"holds '{address}', which is not an IP address");
        });
        services.AddSettings<RedFlagOptions>(configuration, RedFlagOptions.Section, (check, o) =>
        {
            check.Between(nameof(o.SureSimilarity), o.SureSimilarity, 0, 1);
            check.Between(nameof(o.MinSimilarity), o.MinSimilarity, 0, o.SureSimilarity);
            check.Between(nameof(o.Margin), o.Margin, 0, 1);
            check.Between(nameof(o.CrisisMinSimilarity), o.CrisisMinSimilarity, 0, o.SureSimilarity);
            check.Between(nameof(o.CrisisMargin), o.CrisisMargin, 0, 1);
        });
        services.AddSettings<SmallTalkOptions>(configuration, SmallTalkOptions.Section, (check, o) =>
        {
            check.Between(nameof(o.MinSimilarity), o.MinSimilarity, 0, 1);
            check.Between(nameof(o.Margin), o.Margin, 0, 1);
            check.AtLeast(nameof(o.MaxWords), o.MaxWords, 1);
        });
        services.AddSettings<TurnOptions>(configuration, TurnOptions.Section);
        services.AddSingleton<IValidateOptions<TurnOptions>, TurnStepNamesValidator>();
        services.AddSettings<UnansweredOptions>(configuration, UnansweredOptions.Section, (check, o) =>
        {
            if (o.Enabled) check.NotEmpty(nameof(o.DatabasePath), o.DatabasePath);
            check.AtLeast(nameof(o.MaxQuestionLength), o.MaxQuestionLength, 1);
            check.AtLeast(nameof(o.RetentionDays), o.RetentionDays, 0);
            check.AtLeast(nameof(o.MaxRecords), o.MaxRecords, 0);
        });
        services.AddSettings<DirectLineOptions>(configuration, DirectLineOptions.Section, (check, o) =>
        {
            check.Positive(nameof(o.TokenLifetime), o.TokenLifetime);
            check.Positive(nameof(o.KeepAliveInterval), o.KeepAliveInterval);
            check.Positive(nameof(o.ConversationTimeout), o.ConversationTimeout);
            check.AtLeast(nameof(o.MaxActivitiesPerConversation), o.MaxActivitiesPerConversation, 1);
            check.AtLeast(nameof(o.MaxTranscriptBytes), o.MaxTranscriptBytes, 1024);
            check.AtLeast(nameof(o.MaxStoredBytes), o.MaxStoredBytes, 0);
            if (o.PublicBaseUrl.Length > 0) check.AbsoluteHttpUrl(nameof(o.PublicBaseUrl), o.PublicBaseUrl);
        });
        services.AddSettings<WebChatOptions>(configuration, WebChatOptions.Section, (check, o) =>
        {
            foreach (var origin in o.AllowedOrigins) check.AbsoluteHttpUrl(nameof(o.AllowedOrigins), origin);
            check.NotEmpty(nameof(o.Title), o.Title);
        });
        services.AddSettings<TelemetryOptions>(configuration, TelemetryOptions.Section, (check, o) =>
            check.Check(o.ConsoleFormat is "simple" or "json", nameof(o.ConsoleFormat), $"must be 'simple' or 'json' (it is '{o.ConsoleFormat}')"));
        // Bound and checked for safety by AddBotFrameworkAuthentication; here only for unknown keys.
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>>(new SettingsValidator<BotAuthenticationOptions>(configuration, BotAuthenticationOptions.Section, null));
        return services;
    }

    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it (keys and <paramref name="rules"/>) at start.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section,
        Action<SettingsProblems, T>? rules = null, params Type[] sharedWith) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(configuration, section, rules, sharedWith));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>Turn:DisabledSteps must name steps of the turn: a typo would measure the whole turn and call it an ablation.</summary>
    /// <remarks>
    /// The names come from the pipeline itself, asked for when the options are first read (the pipeline reads
    /// these options only per turn, so asking for it here goes round no circle).
    /// </remarks>
    private sealed class TurnStepNamesValidator(IServiceProvider services) : IValidateOptions<TurnOptions>
    {
        public ValidateOptionsResult Validate(string? name, TurnOptions options)
        {
            if (options.DisabledSteps.Count == 0) return ValidateOptionsResult.Success;
            var steps = services.GetRequiredService<TurnPipeline>().Steps.Select(s => s.Name).ToArray();
            var problems = new SettingsProblems(TurnOptions.Section);
            foreach (var step in options.DisabledSteps)
                problems.Check(steps.Contains(step, StringComparer.OrdinalIgnoreCase), nameof(options.DisabledSteps),
                    $"names '{step}', which is not a step of the turn ({string.Join(", ", steps)})");
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.All);
        }
    }
}
