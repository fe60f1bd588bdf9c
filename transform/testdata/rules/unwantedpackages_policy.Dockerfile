# option rules=UnwantedPackages
# option deny-package=telnet
# option allow-package=vim
FROM debian:12
# want UnwantedPackages error: apt-get install telnet puts telnet in the shipped image: the policy denies it
RUN apt-get update && apt-get install -y --no-install-recommends telnet vim curl && rm -rf /var/lib/apt/lists/*
USER 10001
