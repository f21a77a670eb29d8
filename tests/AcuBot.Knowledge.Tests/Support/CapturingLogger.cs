using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AcuBot.Knowledge.Tests.Support;

/// <summary>One log call as the code under test made it: its level and its formatted message.</summary>
public sealed record LogEntry(LogLevel Level, string Message);

/// <summary>An <see cref="ILogger{T}"/> that keeps every message, so a test can assert what was logged.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception)));
}
