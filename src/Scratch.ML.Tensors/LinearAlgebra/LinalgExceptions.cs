namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// A solve, inverse or factorisation needed a nonsingular matrix but elimination met an exactly zero pivot.
/// <see cref="PivotIndex"/> is the 0-based step (diagonal position of U in PA = LU) where it happened.
/// </summary>
public sealed class SingularMatrixException : ArithmeticException
{
    /// <summary>Creates the exception for operation <paramref name="op"/> failing at pivot <paramref name="pivotIndex"/>.</summary>
    public SingularMatrixException(string op, int pivotIndex)
        : base($"{op}: the matrix is singular: U[{pivotIndex}, {pivotIndex}] = 0 after partial pivoting (pivot index {pivotIndex}).")
        => PivotIndex = pivotIndex;

    /// <summary>The 0-based index of the first zero pivot.</summary>
    public int PivotIndex { get; }
}

/// <summary>
/// Cholesky factorisation failed: the leading principal minor of order <see cref="PivotIndex"/> + 1 is not positive,
/// so the matrix is not (numerically) symmetric positive definite.
/// </summary>
public sealed class NotPositiveDefiniteException : ArithmeticException
{
    /// <summary>Creates the exception for operation <paramref name="op"/> failing at pivot <paramref name="pivotIndex"/>.</summary>
    public NotPositiveDefiniteException(string op, int pivotIndex)
        : base($"{op}: the matrix is not positive definite: the pivot at index {pivotIndex} (leading minor of order {pivotIndex + 1}) is not positive.")
        => PivotIndex = pivotIndex;

    /// <summary>The 0-based index of the failing diagonal pivot.</summary>
    public int PivotIndex { get; }
}

/// <summary>An iterative eigenvalue or singular value algorithm exceeded its iteration budget.</summary>
public sealed class NoConvergenceException : ArithmeticException
{
    /// <summary>Creates the exception with a message naming the operation and the budget.</summary>
    public NoConvergenceException(string message) : base(message) { }
}
