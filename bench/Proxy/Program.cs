// Placeholder entry point; the benchmark arrives with the networking issue's Proxy work.
return 0;
