# option rules=Pipefail
FROM debian:12 AS sh
# want Pipefail warning: RUN pipes `curl` into `tar` without pipefail: if `curl` fails.*its shell, sh, has no portable pipefail \| if the image has bash, put `SHELL \["/bin/bash", "-o", "pipefail", "-c"\]`
RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt
# Only text producers on the left: nothing to lose.
RUN echo "abc  app.tgz" | sha256sum -c - && yes | apt-get install -y vim
RUN { echo '<FilesMatch \.php$>'; echo; } | tee /etc/apache2/conf-available/php.conf
# want Pipefail warning: RUN pipes `echo` into `tar`
RUN echo "$(curl -fsSL https://example.com/x)" | tar -x
# want Pipefail warning: RUN pipes `head` into `grep`.*\| if the image has bash.* \(careful: `grep` can stop reading early
RUN if head -n 1 .git | grep -q "^gitdir:"; then echo worktree; fi
RUN set -o pipefail; curl -fsSL https://example.com/app.tgz | tar -xz
# want Pipefail warning: RUN pipes `dpkg-query` into `grep`
RUN dpkg-query -l | grep -v ^ii; set -o pipefail
# Exec form: no shell, no pipe.
RUN ["sh", "-c", "set -o pipefail && a | b"]
# want Pipefail warning: a pipe of `a` into `b` inside `bash -c '...'` runs without pipefail.*\| start the string with `set -o pipefail && `
RUN ["bash", "-c", "a | b"]
RUN ["bash", "-o", "pipefail", "-c", "a | b"]
RUN ["/bin/bash", "-euxo", "pipefail", "-c", "a | b"]
RUN ["/usr/bin/printf", "a | b"]

FROM debian:12 AS bash
SHELL ["/bin/bash", "-c"]
# want Pipefail fixed: RUN pipes `curl` into `tar` without pipefail.* \| inserted `set -o pipefail && ` at the start of the RUN
RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt
# want Pipefail fixed: RUN pipes `cat` into `sort`
RUN --mount=type=cache,target=/root/.cache \
    cat /etc/os-release \
      | sort \
      > /tmp/os
# want Pipefail fixed: RUN pipes `sort` into `uniq`
RUN \
# curl -fsSL https://example.com/x | sh
    sort /etc/passwd | uniq > /tmp/users
RUN echo start && \
# the next line is a comment for BuildKit, not a pipe
# cat /etc/os-release | sort
    echo done
RUN set -euxo pipefail; curl -fsSL https://example.com/app.tgz | tar -xz
RUN set -Eeo pipefail && curl -fsSL https://example.com/app.tgz | tar -xz
# want Pipefail fixed: RUN pipes `curl` into `jq`
RUN VERSION=$(curl -fsSL https://example.com/latest | jq -r .tag) && echo "$VERSION"
# want Pipefail warning: RUN pipes `ls` into `head`.*\| start the RUN with `set -o pipefail && ` once `head` cannot make it fail \(not rewritten: `head` can stop reading early
RUN ls /usr/lib | head -n 1 > /tmp/first
# want Pipefail warning: RUN pipes `dpkg` into `grep`.*once `grep` cannot
RUN if dpkg -l | grep -q vim; then echo yes; fi
# want Pipefail warning: a pipe of `a` into `b` inside `sh -c '...'`.*\| run the string with `bash -o pipefail -c`
RUN set -o pipefail && sudo sh -c 'a | b'
# want Pipefail warning: RUN pipes `find` into `xargs`.*\| add `set -o pipefail` at the start of the script \(not rewritten: heredoc RUNs
RUN <<EOF
find / -name '*.pyc' | xargs rm -f
EOF

FROM debian:12 AS strict
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt

FROM strict AS inherits
RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt
# The heredoc runs as a file under its own #! line.
RUN <<EOF
#!/usr/bin/env bash
set -eux -o pipefail
echo 'abc' | cat
curl -fsSL https://example.com/x | tar -xz
EOF
# want Pipefail warning: RUN pipes `curl` into `tar`.*its shell, sh, has no portable
RUN <<EOF
#!/bin/sh
curl -fsSL https://example.com/x | tar -xz
EOF

FROM alpine:3 AS zsh
SHELL ["/bin/zsh", "-c"]
# want Pipefail warning: RUN pipes `curl` into `tar`.*\| add `set -o pipefail` at the start of the script \(not rewritten: only bash
RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS windows
RUN dir C:\ | findstr Windows

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS powershell
SHELL ["powershell", "-Command"]
RUN Get-ChildItem | Select-Object Name

FROM debian:12 AS unused
SHELL ["/bin/bash", "-c"]
RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt

FROM scratch
COPY --from=sh /opt /sh
COPY --from=bash /opt /bash
COPY --from=inherits /opt /inherits
COPY --from=zsh /opt /zsh
COPY --from=windows /opt /windows
COPY --from=powershell /opt /powershell
