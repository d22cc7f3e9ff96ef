# Stand-in for the official maven:3.9-eclipse-temurin-25 image: a Temurin 25 JDK and Maven 3.9 on the PATH, and,
# since the build it serves has no network here, the Maven repository of the machine that made it with Maven set
# offline. Only for a machine with no image registry; see ../stand-ins.sh, which prepares this context.
FROM local/debian-jre:bookworm
COPY jdk/ /opt/java/openjdk/
COPY maven/ /usr/share/maven/
COPY m2/ /root/.m2/
ENV JAVA_HOME=/opt/java/openjdk MAVEN_HOME=/usr/share/maven PATH=/opt/java/openjdk/bin:/usr/share/maven/bin:$PATH
CMD ["mvn"]
