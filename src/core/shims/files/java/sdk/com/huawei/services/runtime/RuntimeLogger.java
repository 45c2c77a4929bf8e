package com.huawei.services.runtime;

/** The shim's copy of Huawei's RuntimeLogger (see Context), with its six documented methods. */
public interface RuntimeLogger {
    void log(String message);

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    void setLevel(String level);
}
