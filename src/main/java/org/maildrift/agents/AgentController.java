package org.maildrift.agents;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.maildrift.audit.AuditTrail;
import org.maildrift.checks.CheckRunner;
import org.maildrift.inventory.InventoryException;
import org.maildrift.inventory.InventoryLoader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admins issue and revoke a host's agent tokens; an agent pushes its host's configuration with
 * {@code PUT /api/hosts/{id}/config/{kind}} and {@code Authorization: Bearer TOKEN} (who may push is
 * decided in the security configuration: only a token of that very host).
 */
@RestController
class AgentController {

    private final AgentTokens tokens;
    private final PushedConfigs store;
    private final CheckRunner runner;
    private final AuditTrail audit;

    AgentController(AgentTokens tokens, PushedConfigs store, CheckRunner runner, AuditTrail audit) {
        this.tokens = tokens;
        this.store = store;
        this.runner = runner;
        this.audit = audit;
    }

    @GetMapping("/api/hosts/{id}/tokens")
    List<AgentTokens.Listed> list(@PathVariable String id) {
        requireHost(id);
        return tokens.list(id);
    }

    @PostMapping("/api/hosts/{id}/tokens")
    ResponseEntity<Map<String, Object>> issue(@PathVariable String id) {
        requireHost(id);
        AgentTokens.Issued issued = tokens.issue(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", issued.id());
        body.put("host", issued.host());
        body.put("token", issued.token());
        body.put("note", "shown only this once; only its hash is stored");
        return ResponseEntity.created(URI.create("/api/hosts/" + id + "/tokens/" + issued.id())).body(body);
    }

    @DeleteMapping("/api/hosts/{id}/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable long tokenId) {
        if (!tokens.revoke(id, tokenId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no token " + tokenId + " for host " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/hosts/{id}/config/{kind}")
    ResponseEntity<Void> push(@PathVariable String id, @PathVariable String kind, HttpServletRequest request)
            throws IOException {
        if (!PushedConfigs.KINDS.contains(kind) && !kind.equals(PushedConfigs.TABLE_ANSWERS)
                && !kind.equals(PushedConfigs.TLS_CHAIN) && !kind.equals(PushedConfigs.DKIM)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "kind: '"
                    + org.maildrift.files.Printable.of(kind, 40) + "' is not one of "
                    + String.join(", ", PushedConfigs.KINDS) + ", " + PushedConfigs.TABLE_ANSWERS + ", "
                    + PushedConfigs.TLS_CHAIN + ", " + PushedConfigs.DKIM);
        }
        if (request.getContentLengthLong() > PushedConfigs.MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "at most 1 MiB");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(PushedConfigs.MAX_BYTES + 1);
        }
        if (body.length > PushedConfigs.MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "at most 1 MiB");
        }
        if (body.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "empty body");
        }
        if (kind.equals(PushedConfigs.DKIM)
                && org.maildrift.dkim.PushedDkim.holdsPrivateKey(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            // private keys never leave the host; one that did is not kept here either
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dkim: the push holds a private key; send the"
                    + " public half only (openssl pkey -pubout)");
        }
        store.save(id, kind, body);
        audit.record("config.pushed", id, kind + ", " + body.length + " bytes");
        return ResponseEntity.noContent().build();
    }

    /**
     * What the host's agent should look up with {@code postmap -q} (Postfix) or {@code exim -be match_domain}
     * (Exim, tables {@code exim:+LIST}): each table or named list its pushed configuration asks per name and
     * maildrift cannot read itself, with each watched name and its parent domains, one {@code TABLE<TAB>NAME} a line.
     */
    @GetMapping(value = "/api/hosts/{id}/table-questions", produces = "text/plain")
    String tableQuestions(@PathVariable String id) {
        org.maildrift.inventory.Inventory inventory;
        try {
            inventory = InventoryLoader.load(runner.inventoryFile());
        } catch (InventoryException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the inventory cannot be read");
        }
        org.maildrift.inventory.Inventory.Host host = inventory.host(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no host " + id + " in the inventory"));
        java.util.Optional<java.nio.file.Path> pushed = store.latest(id);
        if (pushed.isEmpty() || host.mta() == org.maildrift.mail.Mta.SENDMAIL) {
            return "";
        }
        org.maildrift.mta.postfix.tables.AgentTableAnswers.Recorder recorder =
                new org.maildrift.mta.postfix.tables.AgentTableAnswers.Recorder();
        org.maildrift.mta.readers.MtaConfigReader.read(host.mta(), pushed.get(), host.hostname(), host.interfaces(),
                org.maildrift.mta.FilesRoot.none(), recorder);
        List<String> names = new java.util.ArrayList<>(inventory.watch().names());
        names.addAll(inventory.watch().domains());
        StringBuilder out = new StringBuilder();
        org.maildrift.mta.postfix.tables.AgentTableAnswers.questions(recorder.tables(), names)
                .forEach(q -> out.append(q).append('\n'));
        return out.toString();
    }

    private void requireHost(String id) {
        try {
            if (InventoryLoader.load(runner.inventoryFile()).host(id).isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no host " + id + " in the inventory");
            }
        } catch (InventoryException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the inventory cannot be read: " + e.getMessage());
        }
    }
}
