namespace Alerts.Server.Desk;

/// <summary>
/// How a due queue's claimer waits between claims (the desk's scheduler, the Web Push releaser): until the earliest
/// entry comes due, or it is woken (an entry was added), or the idle look is due, whichever is first. Waited in real
/// time and never longer than the idle look, whatever the clock says. A wake while nobody waits is kept for the next wait.
/// </summary>
internal sealed class DueWait
{
    private readonly SemaphoreSlim _woken = new(0, 1);

    public void Wake()
    {
        try
        {
            _woken.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake is already pending.
        }
    }

    /// <summary>Waits as the type says; nothing when <paramref name="earliest"/> (null: the queue is empty) is due already.</summary>
    public Task WaitAsync(DateTimeOffset? earliest, DateTimeOffset now, TimeSpan idleLook, CancellationToken cancellationToken)
    {
        var untilDue = earliest is { } due ? due - now : TimeSpan.MaxValue;
        var wait = untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue < idleLook ? untilDue + TimeSpan.FromMilliseconds(1) : idleLook;
        return _woken.WaitAsync(wait, cancellationToken);
    }
}
