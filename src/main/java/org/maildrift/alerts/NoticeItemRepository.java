package org.maildrift.alerts;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** What each notice reports. */
interface NoticeItemRepository extends JpaRepository<NoticeItemRow, Long> {

    List<NoticeItemRow> findByNoticeIdOrderByIdAsc(long noticeId);

    long countByNoticeId(long noticeId);

    @Query("select i.noticeId, count(i) from NoticeItemRow i where i.noticeId in :ids group by i.noticeId")
    List<Object[]> countByNoticeIds(Collection<Long> ids);

    @Modifying
    @Query("update NoticeItemRow i set i.noticeId = :into where i.noticeId in :from")
    int move(Collection<Long> from, long into);
}
