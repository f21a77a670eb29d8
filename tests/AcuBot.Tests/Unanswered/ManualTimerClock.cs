namespace AcuBot.Tests.Unanswered;

/// <summary>
/// A clock whose time and timers the test moves: a timer fires only when the test calls <see cref="Fire"/>,
/// so what an hourly check or a five-second flush does is tested without waiting for it.
/// </summary>
public sealed class ManualTimerClock(DateTimeOffset start) : TimeProvider
{
    private readonly List<Timer> _timers = [];

    public DateTimeOffset Now { get; set; } = start;

    /// <summary>The timers made and not yet disposed.</summary>
    public IReadOnlyList<Timer> Timers => _timers.Where(t => !t.Disposed).ToArray();

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state, dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Runs the callback of every live timer once, as if its period had passed.</summary>
    public void Fire()
    {
        foreach (var timer in Timers) timer.Callback(timer.State);
    }

    public sealed class Timer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;
        public TimeSpan DueTime { get; private set; } = dueTime;
        public TimeSpan Period { get; private set; } = period;
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            (DueTime, Period) = (dueTime, period);
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
