<?xml version="1.0" encoding="UTF-8"?>
<!--
  A FunctionGraph Java function as Huawei documents it: a plain JAR with the handler class, built
  against the runtime SDK jar with scope "provided" (the platform supplies it, so it stays out of the
  JAR). Huawei's SDK is not on Maven Central: download "Java SDK" (fss-java-sdk-2.0.5) from the
  FunctionGraph docs, then install it once:
    mvn install:install-file -Dfile=Runtime-2.0.5.jar -DgroupId=Runtime -DartifactId=Runtime -Dversion=2.0.5 -Dpackaging=jar
  `mvn package` then writes function.jar next to this file, where the FunctionGraph Toolkit's own
  offline build (javac + jar, no Maven, run by F5 and fgtk invoke) writes it too.
-->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>com.example</groupId>
  <artifactId>function</artifactId>
  <version>1.0.0</version>
  <packaging>jar</packaging>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.source>{{javaVersion}}</maven.compiler.source>
    <maven.compiler.target>{{javaVersion}}</maven.compiler.target>
  </properties>

  <dependencies>
    <dependency>
      <groupId>Runtime</groupId>
      <artifactId>Runtime</artifactId>
      <version>2.0.5</version>
      <scope>provided</scope>
    </dependency>
    <!-- The runtime maps JSON events onto classes with Gson, which it provides too. -->
    <dependency>
      <groupId>com.google.code.gson</groupId>
      <artifactId>gson</artifactId>
      <version>2.10.1</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>

  <build>
    <finalName>${project.artifactId}</finalName>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.4.2</version>
        <configuration>
          <!-- At the package root: the platform loads the JARs at the root and in lib/. -->
          <outputDirectory>${project.basedir}</outputDirectory>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
