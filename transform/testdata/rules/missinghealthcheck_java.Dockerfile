# option rules=MissingHealthcheck
FROM eclipse-temurin:21-jre
# want MissingHealthcheck warning: ENTRYPOINT starts the server java -jar
ENTRYPOINT exec java -Xmx512m -jar /app.jar
