# option rules=CredentialsInRun
FROM debian:12 AS build
# want CredentialsInRun error: chpasswd sets a literal password for the user "root" \| do not bake passwords into the image
RUN echo 'root:root' |chpasswd
# want CredentialsInRun error: chpasswd sets a literal password hash for the user "app"
RUN useradd -m app && echo 'app:$6$salt$abcdefgh' | chpasswd -e
# want CredentialsInRun error: chpasswd sets a literal password for the user "admin"
RUN bash -c 'chpasswd <<< "admin:s3cret"'
# want CredentialsInRun error: chpasswd sets a literal password for the user "ci"
RUN sh -c 'printf "ci:hunter2\n" | chpasswd'
# want CredentialsInRun error: passwd sets a literal password for the user "root"
RUN echo "t0psecret" | passwd --stdin root
# want CredentialsInRun error: useradd -p sets a literal password hash
RUN useradd -m -p '$6$rounds=5000$abc$def' deploy
# want CredentialsInRun error: usermod -p sets a literal password hash
RUN usermod --password='$1$xyz$hash' root
# want CredentialsInRun error: htpasswd -b writes a literal password for the user "admin"
RUN htpasswd -cb /etc/nginx/.htpasswd admin hunter2
# want CredentialsInRun error: ssh-keygen -A generates SSH host keys into the image.* \| generate host keys when the container starts
RUN apt-get install -y openssh-server && ssh-keygen -A
# want CredentialsInRun error: ssh-keygen generates the SSH host key /etc/ssh/ssh_host_rsa_key into the image
RUN ssh-keygen -t rsa -f /etc/ssh/ssh_host_rsa_key -N ''
# want CredentialsInRun error: dropbearkey generates the SSH host key /etc/dropbear/dropbear_rsa_host_key
RUN dropbearkey -t rsa -f /etc/dropbear/dropbear_rsa_host_key
# want CredentialsInRun error: chpasswd sets a literal password for the user "root"
RUN chpasswd <<EOF
root:changeit
EOF
# Locked accounts, passwords from secrets and user keys are fine.
RUN useradd -m -p '*' app2 && useradd -p '!' app3 && usermod -L root
RUN --mount=type=secret,id=pw echo "root:$(cat /run/secrets/pw)" | chpasswd
RUN echo "app:$APP_PASSWORD" | chpasswd
RUN htpasswd -bn admin "$ADMIN_PW" > /dev/null && htpasswd -i /etc/htpasswd admin < /run/secrets/pw
RUN ssh-keygen -t ed25519 -f /tmp/deploy_key -N '' && rm /tmp/deploy_key*
RUN echo root:x > /tmp/notes && echo 'a:b' | cat

FROM debian:12 AS unused
RUN echo 'root:root' | chpasswd

FROM scratch
COPY --from=build /etc/passwd /etc/passwd
