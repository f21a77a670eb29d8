using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace AcuBot.Extensions;

/// <summary>
/// What an operator reads when the bot cannot start: one line per problem, naming what to change (the
/// setting, or <c>--urls</c> for a port in use), and a non-zero exit code, instead of stack traces. The
/// host's own "Hosting failed to start" log entry, which repeats the exception with its stack, is held
/// back until the bot has started (<see cref="SilenceHostErrorsUntilStarted"/>); later errors log as usual.
/// An exception this does not recognise is written in full: it is a bug to see whole.
/// </summary>
public static class StartupErrors
{
    public const int SettingsExitCode = 2;
    public const int ListenExitCode = 3;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static async Task<int> RunAsync(Func<WebApplication> build, TextWriter error)
    {
        WebApplication app;
        try
        {
            app = build();
        }
        catch (Exception ex) when (Describe(ex) is { } problem)
        {
            return Report(problem, error);
        }

        await using (app)
        {
            try
            {
                await app.RunAsync();
                return 0;
            }
            catch (Exception ex) when (Describe(ex) is { } problem)
            {
                return Report(problem, error);
            }
        }
    }

    /// <summary>The lines to print and the exit code for a failure to start, or null for one that is not the operator's to fix.</summary>
    public static (IReadOnlyList<string> Lines, int ExitCode)? Describe(Exception exception)
    {
        var all = Flatten(exception).ToList();
        if (all.FirstOrDefault(e => e is AddressInUseException) is not null)
        {
            var bind = all.FirstOrDefault(e => e is IOException && e.InnerException is AddressInUseException) ?? all.First(e => e is AddressInUseException);
            return ([$"AcuBot cannot start: {bind.Message.TrimEnd('.')}. Another program (or another AcuBot) uses that port: stop it, or choose " +
                     $"another address with --urls (for example --urls http://localhost:3979)."], ListenExitCode);
        }
        var settings = all.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            .Concat(all.Where(IsConversionFailure).Select(e => e.Message))
            .Distinct()
            .Select(problem => $"AcuBot cannot start: {problem}")
            .ToList();
        return settings.Count > 0 ? (settings, SettingsExitCode) : null;
    }

    /// <summary>Keeps the host's start-up failure log (and its stack trace) out of the console until the app has started.</summary>
    public static ILoggingBuilder SilenceHostErrorsUntilStarted(this ILoggingBuilder logging, IServiceCollection services)
    {
        var started = new StartedFlag();
        services.AddSingleton(started);
        services.AddHostedService<StartedFlag.Watcher>();
        // Levels below Error follow the usual filters; the host logs nothing below Warning that an operator needs.
        logging.AddFilter(HostCategory, level => level >= LogLevel.Warning && (level < LogLevel.Error || started.IsSet));
        return logging;
    }

    private static int Report((IReadOnlyList<string> Lines, int ExitCode) problem, TextWriter error)
    {
        foreach (var line in problem.Lines) error.WriteLine(line);
        return problem.ExitCode;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var e in inner.SelectMany(Flatten)) yield return e;
    }

    /// <summary>The configuration binder's "Failed to convert configuration value 'x' at 'Section:Key' to type ...": it names the setting.</summary>
    private static bool IsConversionFailure(Exception e) =>
        e is InvalidOperationException && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    private sealed class StartedFlag
    {
        private volatile bool _set;

        public bool IsSet => _set;

        public sealed class Watcher(StartedFlag flag, IHostApplicationLifetime lifetime) : IHostedService
        {
            public Task StartAsync(CancellationToken cancellationToken)
            {
                lifetime.ApplicationStarted.Register(() => flag._set = true);
                return Task.CompletedTask;
            }

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
