// Prints one line, as `kubeplan --version` does: what is left is the runtime's own start-up.
Console.Out.WriteLine("0.0.0");
