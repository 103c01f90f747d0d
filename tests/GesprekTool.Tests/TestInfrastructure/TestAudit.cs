using GesprekTool.Audit;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>An audit event for store calls in tests that are not about the audit log.</summary>
public static class TestAudit
{
    public static readonly AuditEvent Event = new(null, "test.setup", null, null);
}
