# option rules=RootUser
# option offline=true
# want RootUser warning: stage 0 sets no USER, and the user of its base image debian:12 is unknown without the registry
FROM debian:12
CMD ["whoami"]
