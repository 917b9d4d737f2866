package org.maildrift.audit;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** The audit trail for admins: {@code GET /audit} (a page) and {@code GET /api/audit} (JSON), newest first. */
@Controller
class AuditController {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGE = 10_000;

    record AuditPage(List<AuditTrail.Event> items, int page, long total) {
    }

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    @ResponseBody
    AuditPage api(@RequestParam(defaultValue = "0") int page) {
        Page<AuditTrail.Event> p = audit.recent(PageRequest.of(check(page), PAGE_SIZE));
        return new AuditPage(p.getContent(), p.getNumber(), p.getTotalElements());
    }

    @GetMapping("/audit")
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", audit.recent(PageRequest.of(check(page), PAGE_SIZE)));
        return "audit";
    }

    private static int check(int page) {
        if (page < 0 || page > MAX_PAGE) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "page: must be from 0 to " + MAX_PAGE);
        }
        return page;
    }
}
