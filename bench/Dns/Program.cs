// Placeholder entry point; the benchmark arrives with the networking issue's Dns work.
return 0;
