# option rules=LargeBaseImage
# want LargeBaseImage warning: the shipped image is based on eclipse-temurin:21-jdk-jammy, the full variant.*\| use the smaller variant eclipse-temurin:21-jre-jammy
FROM eclipse-temurin:21-jdk-jammy
USER 10001
