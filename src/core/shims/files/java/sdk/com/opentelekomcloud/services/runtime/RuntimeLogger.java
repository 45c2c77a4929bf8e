package com.opentelekomcloud.services.runtime;

/** The shim's copy of OpenTelekomCloud's RuntimeLogger (see Context). */
public interface RuntimeLogger {
    void log(String message);

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    void setLevel(String level);
}
