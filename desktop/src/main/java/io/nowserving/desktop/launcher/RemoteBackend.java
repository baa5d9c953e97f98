package io.nowserving.desktop.launcher;

import java.util.Optional;

/** A backend on another machine ({@code --backend=URL}): phones reach whatever address it puts in its QR codes. */
record RemoteBackend(String localUrl) implements LauncherViewModel.BackendHandle {
    @Override
    public Optional<String> phoneUrl() {
        return Optional.empty();
    }

    @Override
    public boolean reachableByPhones() {
        return true;
    }

    @Override
    public Optional<String> adminPasswordFile() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
