using Alerts.Core.Desk;

namespace Alerts.Core.Tests.Desk;

public sealed class ApprovalRuleTests
{
    [Theory]
    [InlineData(ApprovalMode.Off, ApprovalScope.All, DeskRole.Editor, true, false)]
    [InlineData(ApprovalMode.Editors, ApprovalScope.Push, DeskRole.Editor, true, true)]
    [InlineData(ApprovalMode.Editors, ApprovalScope.Push, DeskRole.Editor, false, false)]
    [InlineData(ApprovalMode.Editors, ApprovalScope.All, DeskRole.Editor, false, true)]
    [InlineData(ApprovalMode.Editors, ApprovalScope.All, DeskRole.Chief, true, false)]
    [InlineData(ApprovalMode.TwoPerson, ApprovalScope.Push, DeskRole.Admin, true, true)]
    [InlineData(ApprovalMode.TwoPerson, ApprovalScope.Push, DeskRole.Chief, false, false)]
    public void ModeScopeRoleAndPushDecideWhetherAnAlertWaits(ApprovalMode mode, ApprovalScope scope, DeskRole role, bool push, bool waits) =>
        Assert.Equal(waits, new ApprovalRule(mode, scope).IsNeeded(role, push));

    [Theory]
    [InlineData(ApprovalMode.TwoPerson, ApprovalScope.Push, false, true, false)]
    [InlineData(ApprovalMode.TwoPerson, ApprovalScope.Push, true, false, true)]
    [InlineData(ApprovalMode.TwoPerson, ApprovalScope.All, false, true, true)]
    [InlineData(ApprovalMode.TwoPerson, ApprovalScope.All, false, false, false)]
    [InlineData(ApprovalMode.Off, ApprovalScope.All, true, true, false)]
    public void ACorrectionWaitsWhenItPushesOrWithScopeAllWhenItChangesContent(
        ApprovalMode mode, ApprovalScope scope, bool push, bool changesContent, bool waits) =>
        Assert.Equal(waits, new ApprovalRule(mode, scope).IsNeededForCorrection(DeskRole.Chief, push, changesContent));

    [Fact]
    public void AnAdminActsOnEveryEditionWhateverItsList()
    {
        var admin = new KeyGrant("boss", DeskRole.Admin, new HashSet<string> { "en" });
        var chief = new KeyGrant("c", DeskRole.Chief, new HashSet<string> { "en" });

        Assert.True(admin.MayActOn("ar"));
        Assert.False(chief.MayActOn("ar"));
        Assert.True(new KeyGrant("e", DeskRole.Editor, null).MayActOn("ar"));
    }
}
