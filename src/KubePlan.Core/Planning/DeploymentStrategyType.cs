namespace KubePlan.Planning;

/// <summary><c>spec.strategy.type</c> of a Deployment.</summary>
public enum DeploymentStrategyType
{
    RollingUpdate,
    Recreate,
}
