using System.Linq.Expressions;
using Kaohe.Data.Time;

namespace Kaohe.Data.Metrics;

/// <summary>Pieces for building the metric queries' projections as expression trees that EF translates.</summary>
internal static class QueryExpressions
{
    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="parameter"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, ParameterExpression parameter) =>
        new Rebind(lambda.Parameters[0], parameter).Visit(lambda.Body)!;

    /// <summary>Binds <paramref name="value"/> to the property <paramref name="member"/> of <typeparamref name="T"/>, converting if needed.</summary>
    public static MemberBinding Bind<T>(string member, Expression value)
    {
        var property = typeof(T).GetProperty(member)!;
        return Expression.Bind(property, value.Type == property.PropertyType ? value : Expression.Convert(value, property.PropertyType));
    }

    /// <summary>The period key of a yyyymm month: the month itself, yyyy·10 + quarter, or yyyy (as <see cref="Period.KeyOf"/>).</summary>
    public static Expression PeriodKey(Expression month, PeriodKind kind)
    {
        static Expression C(int v) => Expression.Constant(v);
        return kind switch
        {
            PeriodKind.Month => month,
            PeriodKind.Quarter => Expression.Add(
                Expression.Multiply(Expression.Divide(month, C(100)), C(10)),
                Expression.Divide(Expression.Add(Expression.Modulo(month, C(100)), C(2)), C(3))),
            _ => Expression.Divide(month, C(100)),
        };
    }

    /// <summary><paramref name="month"/> within [first, last].</summary>
    public static Expression InRange(Expression month, int first, int last) =>
        Expression.AndAlso(Expression.GreaterThanOrEqual(month, Expression.Constant(first)), Expression.LessThanOrEqual(month, Expression.Constant(last)));

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
