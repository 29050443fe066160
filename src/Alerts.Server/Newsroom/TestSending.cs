using Alerts.Server.Judgement;

namespace Alerts.Server.Newsroom;

/// <summary>
/// A preview whose would-be push is also sent, straight to FCM, to the test devices (<c>Alerts:Push:TestTokens</c>):
/// the one read that sends, so it passes the same gate as the preview and its refusal is audited as a test send.
/// </summary>
internal sealed class TestSending(Previewing previewing)
{
    public Task<ReadResult<PreviewResponse>> SendAsync(TestSendCommand command, CancellationToken cancellationToken) =>
        previewing.JudgeAsync(command.User, command.Body, sendToTestDevices: true, cancellationToken);
}
