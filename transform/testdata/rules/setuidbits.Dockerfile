# option rules=SetuidBits
FROM debian:12 AS build
# want SetuidBits error: chmod u\+s sets the setuid bit on /usr/local/bin/tool \| drop the s bit
RUN chmod u+s /usr/local/bin/tool
# want SetuidBits error: chmod 4755 sets the setuid bit on /usr/bin/ping
RUN chmod 4755 /usr/bin/ping
# want SetuidBits error: chmod \+s sets the setuid and setgid bit
RUN chmod +s /opt/app/helper
# want SetuidBits error: chmod 6755 sets the setuid and setgid bit
RUN chmod -v 6755 /opt/app/helper
# want SetuidBits error: chmod 02755 sets the setgid bit on /usr/bin/wall
RUN chmod 02755 /usr/bin/wall
# want SetuidBits error: chmod ug=rwxs,o=rx sets the setuid and setgid bit
RUN chmod ug=rwxs,o=rx /opt/app/helper
# want SetuidBits error: install 4755 sets the setuid bit on helper /usr/local/bin/helper
RUN install -o root -m 4755 helper /usr/local/bin/helper
# want SetuidBits error: chmod g\+s sets the setgid bit on /srv/shared
RUN chmod -R g+s /srv/shared
# Removing the bits, the sticky bit and plain modes are fine.
RUN chmod u-s /usr/bin/newgrp && chmod a-s /usr/bin/chfn && chmod -s /usr/bin/chsh
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true
RUN chmod 1777 /tmp && chmod 0755 /usr/local/bin/tool && chmod +x /entrypoint.sh
RUN chmod o+s /srv && chmod "$MODE" /srv/x && chmod --reference=/bin/ls /usr/local/bin/tool
# want SetuidBits warning: chmod g\+s sets the setgid bit on the directory /srv/data \| setgid on a directory only makes new files inherit its group
RUN mkdir -p /srv/data && chown app:app /srv/data && chmod g+s /srv/data
# want SetuidBits warning: install 3777 sets the setgid bit on the directory /var/run/postgresql
RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql
# want SetuidBits warning: mkdir 2775 sets the setgid bit on the directory /srv/team
RUN mkdir -m 2775 /srv/team
# want SetuidBits error: chmod g\+s sets the setgid bit on /srv/elsewhere
RUN mkdir -p /srv/data && chmod g+s /srv/elsewhere
# want SetuidBits error: COPY --chmod=4755 sets the setuid bit \| drop the s bit
COPY --chmod=4755 tool /usr/local/bin/tool
# want SetuidBits error: ADD --chmod=2755 sets the setgid bit
ADD --chmod=2755 tool.tar.gz /opt/
COPY --chmod=0755 tool /usr/local/bin/tool2
# want SetuidBits error: chmod u\+s sets the setuid bit
RUN ["chmod", "u+s", "/usr/local/bin/tool"]
# want SetuidBits error: chmod 4711 sets the setuid bit
RUN sh -c 'chmod 4711 /usr/local/bin/tool'

FROM debian:12 AS unused
RUN chmod u+s /usr/local/bin/tool

FROM scratch
COPY --from=build /usr/local/bin/tool /tool
