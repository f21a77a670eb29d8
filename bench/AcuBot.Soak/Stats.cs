namespace AcuBot.Soak;

public sealed record Sample(TimeSpan Elapsed, long Requests, long Errors, double PerSecond, double P50Ms, double P99Ms, double ResidentMb)
{
    public override string ToString() =>
        $"{Elapsed.TotalSeconds,6:F0} s  {Requests,8} requests  {Errors,4} errors  {PerSecond,7:F0}/s  p50 {P50Ms,6:F2} ms  p99 {P99Ms,7:F2} ms  RSS {ResidentMb,6:F1} MB";
}

/// <summary>Counts and latencies, per sampling window and in total. Thread-safe.</summary>
public sealed class Stats
{
    private readonly object _gate = new();
    private readonly List<double> _window = [];
    private readonly List<string> _firstErrors = [];
    private long _requests, _errors, _saturated, _windowErrors;
    private TimeSpan _windowStart;

    public long TotalRequests { get { lock (_gate) return _requests; } }
    public long TotalErrors { get { lock (_gate) return _errors; } }
    public long TotalSaturated => Interlocked.Read(ref _saturated);
    public IReadOnlyList<string> FirstErrors { get { lock (_gate) return _firstErrors.ToArray(); } }

    public void Done(double milliseconds)
    {
        lock (_gate) { _requests++; _window.Add(milliseconds); }
    }

    public void Error(string description)
    {
        lock (_gate)
        {
            _errors++;
            _windowErrors++;
            if (_firstErrors.Count < 10) _firstErrors.Add(description);
        }
    }

    public void Saturated() => Interlocked.Increment(ref _saturated);

    public Sample TakeSample(TimeSpan now, double residentMb)
    {
        lock (_gate)
        {
            _window.Sort();
            var seconds = Math.Max(0.001, (now - _windowStart).TotalSeconds);
            var sample = new Sample(now, _requests, _windowErrors, _window.Count / seconds, Percentile(0.50), Percentile(0.99), residentMb);
            _window.Clear();
            _windowErrors = 0;
            _windowStart = now;
            return sample;
        }
    }

    private double Percentile(double p) => _window.Count == 0 ? 0 : _window[Math.Clamp((int)Math.Ceiling(p * _window.Count) - 1, 0, _window.Count - 1)];
}
