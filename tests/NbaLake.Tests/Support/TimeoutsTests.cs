using System.Reflection;

namespace NbaLake.Tests.Support;

/// <summary>Keeps the rule of <see cref="Timeouts"/> for tests yet to be written.</summary>
public class TimeoutsTests
{
    [Fact]
    public void Every_async_test_has_a_timeout_so_a_hang_fails_instead_of_blocking_ci()
    {
        var untimed = typeof(TimeoutsTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType == typeof(ValueTask))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is { Timeout: <= 0 })
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.True(untimed.Count == 0, "async tests without [Fact(Timeout = Timeouts.Job)] or [Theory(Timeout = …)]: " + string.Join(", ", untimed));
    }
}
