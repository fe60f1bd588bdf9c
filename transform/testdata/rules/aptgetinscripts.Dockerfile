# option rules=AptGetInScripts
FROM debian:12 AS unused
RUN apt install -y curl

FROM debian:12
# want AptGetInScripts warning: apt update in a RUN: apt's command line is meant for people
# want AptGetInScripts warning: apt install in a RUN
RUN apt update && apt install -y curl
RUN apt-get update && apt-get install -y curl
# want AptGetInScripts warning: apt list in a RUN
RUN apt list --installed
RUN apt-cache policy curl && apt-mark hold curl && echo apt install
# want AptGetInScripts warning: apt install in a RUN
RUN sh -c "apt install -y curl"
# want AptGetInScripts warning: apt install in a RUN
RUN ["apt", "install", "-y", "curl"]
# want AptGetInScripts warning: apt install in a RUN
RUN sudo apt install -y vim
# want AptGetInScripts warning: apt remove in a RUN
RUN <<EOF
apt remove -y vim
EOF
