using System.Threading.RateLimiting;
using Alerts.Server.Outbox;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// Sends one message to one target the way FCM asks: paced by the deployment-wide rate limit, a bounded
/// number in flight, transient failures retried with exponential backoff and jitter (the same message
/// each time), quota errors pausing every send of the node, and nothing retried past the alert's expiry.
/// </summary>
internal sealed class PushSender : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly IFirebaseMessaging _fcm;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PushSender> _logger;
    private readonly RateLimiter _limiter;
    private readonly SemaphoreSlim _inFlight;
    private readonly Lock _pauseLock = new();
    private DateTimeOffset _pausedUntil;
    private TimeSpan _quotaBackoff;
    private int _quotaStreak;

    public PushSender(IFirebaseMessaging fcm, RedisWindowRateLimiter limiter, IOptions<PushOptions> options, TimeProvider time, ILogger<PushSender> logger)
    {
        _fcm = fcm;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _quotaBackoff = _options.QuotaBackoff;
        _inFlight = new SemaphoreSlim(_options.MaxConcurrentSends);
        _limiter = limiter;
    }

    public async Task<SendResult> SendAsync(Message message, string target, DateTimeOffset expiresAt, BatchCounts counts, OutboxLease lease, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await WaitWhilePausedAsync(cancellationToken);
            TimeSpan wait;
            await _inFlight.WaitAsync(cancellationToken);
            try
            {
                // Taken right before the send, so sends leave at the limiter's pace, not bunched behind the in-flight bound.
                using (await _limiter.AcquireAsync(1, cancellationToken))
                {
                    if (!lease.IsValid)
                    {
                        return SendResult.LeaseLapsed;
                    }

                    await _fcm.SendAsync(message, cancellationToken);
                }

                EndQuotaStreak();
                return SendResult.Accepted;
            }
            catch (FirebaseMessagingException e)
            {
                switch (FcmErrors.Classify(e))
                {
                    case FcmErrorClass.PruneToken:
                        return SendResult.Pruned;
                    case FcmErrorClass.Permanent:
                        PushLog.SendFailed(_logger, LoggedToken.Of(target), e.Message);
                        counts.NoteFailure(e.Message);
                        return SendResult.Failed;
                    case FcmErrorClass.Authentication:
                        throw new PushAuthenticationException(e);
                    case FcmErrorClass.Quota:
                        wait = Pause(e.RetryAfter);
                        break;
                    default:
                        if (attempt >= _options.MaxAttempts)
                        {
                            PushLog.SendFailed(_logger, LoggedToken.Of(target), $"{e.Message} (after {attempt} attempts)");
                            counts.NoteFailure($"{e.Message} (after {attempt} attempts)");
                            return SendResult.Failed;
                        }

                        wait = e.RetryAfter ?? Backoff(attempt);
                        break;
                }
            }
            finally
            {
                _inFlight.Release();
            }

            if (_time.GetUtcNow() + wait >= expiresAt)
            {
                PushLog.SendFailed(_logger, LoggedToken.Of(target), "the alert expires before the next retry");
                counts.NoteFailure("the alert expires before the next retry");
                return SendResult.Failed;
            }

            counts.Retry();
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    public void Dispose() => _inFlight.Dispose();

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromTicks(Math.Min(exponential.Ticks, MaxBackoff.Ticks)) * (0.5 + Random.Shared.NextDouble());
    }

    /// <summary>Pauses every send until Retry-After, or for a backoff that starts at QuotaBackoff and doubles while quota errors go on.</summary>
    private TimeSpan Pause(TimeSpan? retryAfter)
    {
        lock (_pauseLock)
        {
            var now = _time.GetUtcNow();
            if (_pausedUntil > now)
            {
                return _pausedUntil - now;
            }

            var pause = retryAfter ?? _quotaBackoff;
            _quotaBackoff = retryAfter is null ? TimeSpan.FromTicks(Math.Min(_quotaBackoff.Ticks * 2, TimeSpan.FromMinutes(30).Ticks)) : _options.QuotaBackoff;
            Volatile.Write(ref _quotaStreak, 1);
            _pausedUntil = now + pause;
            PushLog.QuotaExceeded(_logger, pause);
            return pause;
        }
    }

    // The doubling backoff starts again from QuotaBackoff once a send gets through; the flag keeps the common path lock-free.
    private void EndQuotaStreak()
    {
        if (Volatile.Read(ref _quotaStreak) == 1 && Interlocked.Exchange(ref _quotaStreak, 0) == 1)
        {
            lock (_pauseLock)
            {
                _quotaBackoff = _options.QuotaBackoff;
            }
        }
    }

    private DateTimeOffset PausedUntil()
    {
        lock (_pauseLock)
        {
            return _pausedUntil;
        }
    }

    private async Task WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        TimeSpan left;
        while ((left = PausedUntil() - _time.GetUtcNow()) > TimeSpan.Zero)
        {
            await Task.Delay(left, _time, cancellationToken);
        }
    }
}
