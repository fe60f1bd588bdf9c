# option rules=WritableExecutables
FROM nonroot:1
# want WritableExecutables error: COPY --chmod=777 makes files writable
COPY --chmod=777 tool.sh /opt/app/bin/tool.sh
COPY --chmod=750 confdir /etc/app
# want WritableExecutables error: chmod 775 makes executables writable by their group
RUN chmod 775 /usr/local/bin/tool
# want WritableExecutables error: chmod a\+w makes files
RUN chmod -R a+w /srv && chmod 755 /usr/local/bin/x
# want WritableExecutables error: chmod o\+rw makes
RUN sh -c 'chmod o+rw /data'
RUN chmod u+w,go-w /srv && chmod -R 644 /etc/app
# want WritableExecutables warning: COPY --chown=app gives executables in /usr/local/bin/ to a non-root user
COPY --chown=app tool /usr/local/bin/
COPY --chown=app data /home/app/data
# want WritableExecutables error: ADD --chmod=666
ADD --chmod=666 notes.txt /srv/notes.txt
RUN chmod g+w /data && chmod -R g=u /var/lib/app
# want WritableExecutables warning: chmod 1777 makes a directory writable by everyone \(with the sticky bit\)
RUN chmod 1777 /scratch
COPY --chmod=664 data.txt /srv/data.txt
# want WritableExecutables error: COPY --chmod=775 makes executables writable by their group
COPY --chmod=775 tool /opt/app/tool
# want WritableExecutables error: chmod g\+w makes executables writable by their group
RUN chmod g+w /opt/app/bin/tool
USER 10001
