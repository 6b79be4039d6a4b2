using System.Reflection;
using System.Reflection.Emit;
using AsnBot.Data;
using AsnBot.Hosting;

namespace AsnBot.Tests.Data;

/// <summary>
/// Only the composition (AsnBot.Hosting) may know which database holds the data: every other type of the bot works
/// with <see cref="IDatabase"/> and <see cref="IUnitOfWork"/>, and names no type of the SQLite or PostgreSQL driver
/// (nor a data type whose public face shows one). Read from the compiled bot: signatures, locals, catch clauses and
/// every type, field and method its IL names.
/// </summary>
public sealed class StorageBoundaryTests
{
    private static readonly Assembly Bot = typeof(AppHost).Assembly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void BotTypes_OutsideHosting_ReferenceNoSqliteOrNpgsqlType()
    {
        var offenders = Bot.GetTypes()
            .Where(t => t.Namespace?.StartsWith("AsnBot.Hosting", StringComparison.Ordinal) != true)
            .SelectMany(t => References(t).Where(IsProviderSpecific).Select(r => $"{t.FullName} uses {r.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void References_OfTheComposition_FindTheProviderNeutralDatabaseItCreates()
    {
        var composition = Bot.GetTypes().Where(t => t == typeof(AppHost) || t.DeclaringType == typeof(AppHost));

        Assert.Contains(composition.SelectMany(References), r => r == typeof(SqlDatabase));
        Assert.True(IsProviderSpecific(typeof(Database)));
        Assert.True(IsProviderSpecific(typeof(PostgresDatabase)));
        Assert.True(IsProviderSpecific(typeof(Npgsql.NpgsqlConnection)));
        Assert.False(IsProviderSpecific(typeof(SqlDatabase)));
        Assert.False(IsProviderSpecific(typeof(UnitOfWork)));
        Assert.False(IsProviderSpecific(typeof(IUnitOfWork)));
    }

    /// <summary>
    /// A type of the SQLite or PostgreSQL driver, or a type of the data project whose public face shows one (Database,
    /// PostgresDatabase); the shared SqlDatabase and UnitOfWork show only System.Data.Common.
    /// </summary>
    private static bool IsProviderSpecific(Type type)
    {
        if (IsDriver(type))
        {
            return true;
        }

        return type.Assembly == typeof(IDatabase).Assembly
            && type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .SelectMany(Signature)
                .Any(IsDriver);
    }

    private static bool IsDriver(Type type) =>
        type.Assembly.GetName().Name is { } name
        && (name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || name.StartsWith("SQLitePCL", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal));

    private static IEnumerable<Type> References(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<Type> found = [.. type.GetInterfaces(), .. type.BaseType is { } b ? [b] : Array.Empty<Type>()];
        foreach (var member in type.GetMembers(all))
        {
            found = found.Concat(Signature(member));
            if (member is MethodBase { } method && method.GetMethodBody() is { } body)
            {
                found = found.Concat(body.LocalVariables.Select(l => l.LocalType))
                    .Concat(body.ExceptionHandlingClauses.Where(c => c.Flags == ExceptionHandlingClauseOptions.Clause).Select(c => c.CatchType!))
                    .Concat(Operands(method, body));
            }
        }

        return found.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Signature(MemberInfo member) => member switch
    {
        FieldInfo f => [f.FieldType],
        PropertyInfo p => [p.PropertyType],
        MethodInfo m => [m.ReturnType, .. m.GetParameters().Select(p => p.ParameterType)],
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        EventInfo e => e.EventHandlerType is { } h ? [h] : [],
        _ => [],
    };

    /// <summary>The types, fields and methods the method's IL names (calls, news, casts, field loads, ldtoken).</summary>
    private static List<Type> Operands(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var found = new List<Type>();
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            var op = OpCodesByValue[value];
            i += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    found.AddRange(member is Type t ? [t] : [.. member!.DeclaringType is { } owner ? [owner] : Array.Empty<Type>(), .. Signature(member)]);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                default:
                    i += Size(op.OperandType);
                    break;
            }
        }

        return found;
    }

    private static int Size(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Unwrap)]
            : [type];
    }
}
