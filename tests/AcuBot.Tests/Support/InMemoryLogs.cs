using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Support;

/// <param name="EventId">Its EventId, so that tests can see a log collector could select it.</param>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception, EventId EventId = default);

/// <summary>Keeps every log entry the app writes, so tests can assert that no request ended in an unhandled exception.</summary>
public sealed class InMemoryLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>A mark to pass to <see cref="Since"/>.</summary>
    public int Count => _entries.Count;

    public IReadOnlyList<LogEntry> Since(int mark) => _entries.Skip(mark).ToArray();

    /// <summary>Entries that report a failure in the server itself (unhandled exceptions, errors).</summary>
    /// <remarks>Polly's warnings about a retried reply are expected behaviour, not failures.</remarks>
    public IReadOnlyList<LogEntry> ServerFailuresSince(int mark) =>
        Since(mark).Where(e => e.Category != "Polly").Where(e => e.Exception is not null || e.Level >= LogLevel.Critical ||
                               (e.Level >= LogLevel.Error && e.Category.StartsWith("Microsoft.", StringComparison.Ordinal))).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() { }

    private sealed class Logger(string category, InMemoryLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception, eventId));
    }
}
